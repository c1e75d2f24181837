package sample;

class BusyOneTest extends Busy {}

package sample;

class BusyThreeTest extends Busy {}

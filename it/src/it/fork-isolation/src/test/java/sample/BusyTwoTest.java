package sample;

class BusyTwoTest extends Busy {}

// Every cell of invoker.properties built green on its own stack: its Surefire @PerfTests (one forked) and
// its Failsafe @PerfTest ran and were measured, and check at verify judged all three.
def cells = new File(basedir, 'invoker.properties').readLines().count { it.startsWith('invoker.goals.') }
def segments = new File(basedir, 'build.log').text.split(/\[INFO\] BUILD SUCCESS/).toList()
assert segments.size() == cells + 1 : "${segments.size() - 1} of ${cells} cells built"
segments.take(cells).eachWithIndex { log, i ->
  def cell = "cell ${i + 1}"
  assert log =~ /COMPAT cell JUnit \d/ : "${cell}: CellStackTest did not report its stack"
  // 1 + 2 @PerfTests, 2 parameterized and 2 repeated invocations, and the skipped plain runs of the two templates
  assert log =~ /Tests run: 9, Failures: 0, Errors: 0, Skipped: 2, .* in compat.CellStackTest/ : cell
  assert log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, .* in compat.CellPerfIT/ : cell
  assert log.contains('Countersign: 7 performance test(s)') : "${cell}: check did not see the Surefire and Failsafe results"
  ['CellPerfIT.allocateInIt', 'CellStackTest.allocate', 'CellStackTest.forked', 'CellStackTest.sized[1_512]',
   'CellStackTest.sized[2_8192]', 'CellStackTest.repeated[repetition_1_of_2]',
   'CellStackTest.repeated[repetition_2_of_2]'].each { test ->
    def row = log.readLines().find { it.contains(test + ' ') && it.contains('alloc-bytes') }
    assert row != null && row =~ /jvm\s+-\s+[\d,]+\s+-\s+NO BASELINE/ : "${cell}: ${test}: ${row}"
  }
}
println new File(basedir, 'build.log').readLines().findAll { it.startsWith('COMPAT cell') }.join('\n')
return true

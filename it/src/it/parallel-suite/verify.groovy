// JUnit parallel execution: the @PerfTest holds JUnit's global lock, so it never runs beside the
// allocating tests, which do run side by side. Its JVM-wide alloc-bytes stay its own 64 B/op
// (before: 52 MB per op and false REGRESSIONs), and no later run is a REGRESSION: on this build's
// JUnit and on JUnit 5.10, 5.14 and 6.x.
def steps = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
// steps 1 and 2 run on this build's JUnit (whatever it is), 3 to 5 on the releases they set
def versionOf = { String step -> (step =~ /PARALLEL-SUITE JUnit (\S+)/).with { it.find() ? it.group(1) : null } }
def junit = [versionOf(steps[0]), versionOf(steps[0]), '5.10.5', '5.14.4', '6.1.3']
assert junit[0] != null : 'step 1 did not say its JUnit release'

assert steps.size() == junit.size() : "expected ${junit.size()} Maven invocations in build.log, found ${steps.size()}"
steps.each { assert it.contains('BUILD SUCCESS') }
// the timeline of every step (the file is appended to by each): 6 spans per step, the @PerfTest's
// twice: in the test JVM and, inside that span, in the JVM of its plain pass (the agent is
// attached, so alloc-bytes is measured in a JVM without it; its @BeforeEach/@AfterEach run there)
def spans = new File(basedir, 'target/timeline.txt').readLines().collect { it.split(' ') }
    .collect { [name: it[0], start: it[1] as long, end: it[2] as long] }
assert spans.size() == 6 * steps.size() : "${spans.size()} spans"
def overlap = { a, b -> a.start < b.end && b.start < a.end }

steps.eachWithIndex { step, i ->
  def where = "step ${i + 1} (JUnit ${junit[i]})"
  assert step.contains("PARALLEL-SUITE JUnit ${junit[i]}") : "${where} did not run on its JUnit"
  def last = spans.subList(6 * i, 6 * i + 6)
  def perfs = last.findAll { it.name == 'perf' }.sort { it.start }
  def others = last.findAll { it.name != 'perf' }
  assert perfs.size() == 2 && others.size() == 4 : "${where}: ${last}"
  def perf = perfs[0]
  assert perfs[1].start > perf.start && perfs[1].end < perf.end : "${where}: the plain pass ran outside the test's span: ${perfs}"
  assert others.every { !overlap(it, perf) } : "${where}: the @PerfTest ran beside another test: ${last}"
  // parallel execution was really on: some allocating tests ran at the same time
  assert others.any { a -> others.any { b -> !a.is(b) && overlap(a, b) } } : "${where}: no test ran in parallel: ${last}"
  if (i == 0) {
    return
  }
  def row = step.readLines().find { it.contains('SleepPerfTest.sleep') && it.contains('alloc-bytes') && !it.contains('(budget)') }
  assert row != null : "${where}: no alloc-bytes row for SleepPerfTest.sleep"
  // the same 64 bytes before and after; a rare 168-byte iteration may leave the statistics
  // INCONCLUSIVE, but never a REGRESSION
  assert row =~ /\s64\s+64\s/ : "${where}: ${row}"
  assert row.contains('UNCHANGED') || row.contains('INCONCLUSIVE') : "${where}: ${row}"
  assert !step.contains('REGRESSION') && !step.contains('DISTURBED') && !step.contains('INCOMPARABLE') : where
}

def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/countersign/results/latest/sample.SleepPerfTest.sleep.json'))
def alloc = result.metrics.find { it.name == 'alloc-bytes' }.perOp.sort()
assert alloc[alloc.size().intdiv(2)] >= 64 && alloc[alloc.size().intdiv(2)] < 128 : "alloc-bytes per op ${alloc}"
return true

// JUnit parallel execution: the @PerfTest holds JUnit's global lock, so it never runs beside the
// allocating tests, which do run side by side. Its JVM-wide alloc-bytes stay its own 64 B/op
// (before: 52 MB per op and false REGRESSIONs), and the second run is no REGRESSION.
def steps = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert steps.size() == 2 : "expected 2 Maven invocations in build.log, found ${steps.size()}"
steps.each { assert it.contains('BUILD SUCCESS') }

def check = steps[1]
def row = check.readLines().find { it.contains('SleepPerfTest.sleep') && it.contains('alloc-bytes') && !it.contains('(budget)') }
assert row != null : 'no alloc-bytes row for SleepPerfTest.sleep'
// the same 64 bytes before and after; a rare 168-byte iteration may leave the statistics
// INCONCLUSIVE, but never a REGRESSION
assert row =~ /\s64\s+64\s/ : row
assert row.contains('UNCHANGED') || row.contains('INCONCLUSIVE') : row
assert !check.contains('REGRESSION') && !check.contains('DISTURBED') && !check.contains('INCOMPARABLE')

def result = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/countersign/results/latest/sample.SleepPerfTest.sleep.json'))
def alloc = result.metrics.find { it.name == 'alloc-bytes' }.perOp.sort()
assert alloc[alloc.size().intdiv(2)] >= 64 && alloc[alloc.size().intdiv(2)] < 128 : "alloc-bytes per op ${alloc}"

// the timeline of the second run (the file is appended to by both)
def spans = new File(basedir, 'target/timeline.txt').readLines().collect { it.split(' ') }
    .collect { [name: it[0], start: it[1] as long, end: it[2] as long] }
def last = spans.takeRight(5)
def perf = last.find { it.name == 'perf' }
def others = last.findAll { it.name != 'perf' }
assert perf != null && others.size() == 4 : last
def overlap = { a, b -> a.start < b.end && b.start < a.end }
assert others.every { !overlap(it, perf) } : "the @PerfTest ran beside another test: ${last}"
// parallel execution was really on: some allocating tests ran at the same time
assert others.any { a -> others.any { b -> !a.is(b) && overlap(a, b) } } : "no test ran in parallel: ${last}"
return true

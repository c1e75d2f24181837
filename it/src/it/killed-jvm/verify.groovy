// The test JVM killed (SIGKILL) mid-suite, after AllocPerfTest measured a +100% regression and
// before ZetaPerfTest ran. The next check judges the killed build's results only: AllocPerfTest
// REGRESSION, ZetaPerfTest NOT RUN -- never UNCHANGED on the first build's values -- and says the
// run was interrupted; baseline refuses to promote it (before run marks it promoted AllocPerfTest's
// regressed result of the half-run build).
def steps = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert steps.size() == 7 : "expected 7 Maven invocations in build.log, found ${steps.size()}"
assert steps[0].contains('BUILD SUCCESS') && steps[0].contains('2 baseline(s) written to')

def second = steps[1]
assert second.contains('BUILD FAILURE')
assert second =~ /(?s)(The forked VM terminated without properly saying goodbye|ExecutionException|crashed)/ : 'the test JVM was not killed'

def third = steps[2]
assert third.contains('BUILD FAILURE')
assert third.contains('reads the results of the build started last')
def alloc = third.readLines().find { it.contains('AllocPerfTest.allocate') && it.contains('alloc-bytes') }
assert alloc != null && alloc.contains('REGRESSION') : alloc
def zeta = third.readLines().findAll { it =~ /^\[INFO\] ZetaPerfTest\.allocateLast\s/ }
assert !zeta.isEmpty() : 'no row for ZetaPerfTest'
zeta.each { assert it.contains('NOT RUN') && !it.contains('UNCHANGED') : it }
assert third =~ /Countersign check: the results in \S+ are incomplete: the test run \S+ \(process \d+, started \S+\) was interrupted/ : third
assert third.contains('Run the tests again')

def fourth = steps[3]
assert fourth.contains('BUILD FAILURE')
assert fourth =~ /Countersign baseline: the results in \S+ are incomplete: the test run \S+ \(process \d+, started \S+\) was interrupted/ : fourth
assert fourth.contains('Nothing was promoted') && !fourth.contains('baseline(s) written to') : fourth
// killed before its first result (steps 5-7): the run was marked before its first test, so the
// build is interrupted, not a complete-looking build with no results ("nothing was checked")
def fifth = steps[4]
assert fifth.contains('BUILD FAILURE')
assert fifth =~ /(?s)(The forked VM terminated without properly saying goodbye|ExecutionException|crashed)/ : 'the test JVM was not killed'
def killedFirst = new File(basedir, 'target/countersign/results').listFiles().findAll {
  it.isDirectory() && !it.name.equals('latest') && new File(it, 'runs').isDirectory() &&
      it.listFiles().every { f -> !f.name.endsWith('.json') }
}
assert killedFirst.size() == 1 : 'one build folder with run marks and no result: ' + killedFirst
def marks = new File(killedFirst[0], 'runs').listFiles().findAll { it.name.endsWith('.json') }
assert marks.size() == 1 && new groovy.json.JsonSlurper().parse(marks[0]).finished == null : marks

def sixth = steps[5]
assert sixth.contains('BUILD FAILURE')
assert !sixth.contains('no results of this build') : sixth
assert sixth =~ /Countersign check: the results in \S+ are incomplete: the test run \S+ \(process \d+, started \S+\) was interrupted/ : sixth
assert sixth.contains('Nothing was checked')

def seventh = steps[6]
assert seventh.contains('BUILD FAILURE')
assert !seventh.contains('no results of this build') : seventh
assert seventh =~ /Countersign baseline: the results in \S+ are incomplete: the test run \S+ \(process \d+, started \S+\) was interrupted/ : seventh
assert seventh.contains('Nothing was promoted') && !seventh.contains('baseline(s) written to') : seventh

// the baseline still holds step 1's run only
def base = new groovy.json.JsonSlurper().parse(new File(basedir, 'src/test/countersign/sample.AllocPerfTest.allocate.json'))
assert base.runs.size() == 1
return true

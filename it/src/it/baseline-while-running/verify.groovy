// countersign:baseline and countersign:check run by hand while a build (the regressed twin, twice
// the allocation) is still in its tests: AllocPerfTest has written its result, HoldTest holds the
// run open. Before run marks, baseline promoted that half-run build. Both must refuse, naming the
// run, and leave the baseline byte for byte as it was; once the build has ended, baseline promotes
// its results (+100%).
def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').path
def settings = new File(basedir.parentFile, 'interpolated-settings.xml')
assert settings.isFile() : "no ${settings}"
def hold = new File(basedir, 'target/hold')
hold.deleteDir()
def baseline = new File(basedir, 'src/test/countersign/sample.AllocPerfTest.allocate.json')
assert baseline.isFile() : 'step 1 recorded no baseline'
def before = baseline.bytes

def command = { List<String> args ->
  ([mvn, '-B', '-s', settings.path, "-Dmaven.repo.local=${localRepositoryPath}"] + args)*.toString()
}
def run = { String name, List<String> args ->
  def log = new File(basedir, "${name}.log")
  def p = new ProcessBuilder(command(args)).directory(basedir).redirectErrorStream(true)
      .redirectOutput(log).start()
  assert p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS) : "${name} did not end in 300 s"
  log.text
}

def running = new ProcessBuilder(command(['-Dsample.hold=true', '-Dsample.regressed=true', 'verify']))
    .directory(basedir).redirectErrorStream(true).redirectOutput(new File(basedir, 'running.log')).start()
try {
  long deadline = System.currentTimeMillis() + 300_000
  while (!new File(hold, 'reached').exists() && running.isAlive() && System.currentTimeMillis() < deadline) {
    Thread.sleep(100)
  }
  assert new File(hold, 'reached').exists() : 'the build did not reach HoldTest: ' + new File(basedir, 'running.log').text

  def promoted = run('baseline-during', ['countersign:baseline'])
  assert promoted.contains('BUILD FAILURE') : promoted
  assert promoted =~ /Countersign baseline: the results in \S+ are incomplete: the test run \S+ \(process \d+, started \S+\) is still running\. Nothing was promoted: every baseline in \S+ is as it was\. Wait for that build to end, then run this goal again/ : promoted
  assert baseline.bytes == before : 'the baseline was changed by a refused promotion'

  def checked = run('check-during', ['countersign:check'])
  assert checked.contains('BUILD FAILURE') : checked
  assert checked.contains('is still running. The table above judges only what was written so far') : checked
  // what was measured so far is shown, not lost
  assert checked.readLines().any { it =~ /AllocPerfTest\.allocate\s+alloc-bytes.*REGRESSION/ } : checked
} finally {
  new File(hold, 'release').text = ''
  assert running.waitFor(300, java.util.concurrent.TimeUnit.SECONDS) : 'the held build did not end'
}
def ended = new File(basedir, 'running.log').text
assert ended.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0') : ended
assert ended.contains('BUILD FAILURE') && ended.readLines().any { it =~ /AllocPerfTest\.allocate\s+alloc-bytes.*REGRESSION/ } : ended

def after = run('baseline-after', ['countersign:baseline'])
assert after.contains('BUILD SUCCESS') : after
assert after.contains('1 baseline(s) written to') : after
def change = after.readLines().find { it.contains('alloc-bytes [jvm]') }
assert change != null && change =~ /\(\+(99|100|101)\.\d+%\)/ : change
println "baseline-while-running: refused during the run, then: ${change.trim()}"
return true

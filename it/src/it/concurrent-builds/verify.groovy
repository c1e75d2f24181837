// Two builds of one project at once, in the same directory: 'regressed' (twice the allocation)
// and 'unchanged'. BarrierTest (a Surefire execution of its own, see pom.xml) holds each build
// after its AllocPerfTest has written its result until the other has too, so both have measured
// before either checks: with one shared results folder the later result would be judged by both
// builds. Each must judge its own: the regressed build fails with REGRESSION (+100%), the
// unchanged one passes with UNCHANGED.
import groovy.json.JsonSlurper

def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').path
def settings = new File(basedir.parentFile, 'interpolated-settings.xml')
assert settings.isFile() : "no ${settings}"
new File(basedir, 'target/barrier').deleteDir()
def start = { String name, List<String> extra ->
  def cmd = [mvn, '-B', '-s', settings.path, "-Dmaven.repo.local=${localRepositoryPath}",
             '-Dcountersign.mode=auto', "-Dsample.barrier=${name}"] + extra + ['verify']
  new ProcessBuilder(cmd*.toString()).directory(basedir).redirectErrorStream(true)
      .redirectOutput(new File(basedir, "${name}.log")).start()
}
def regressed = start('regressed', ['-Dsample.regressed=true'])
def unchanged = start('unchanged', [])
[regressed, unchanged].each { p ->
  assert p.waitFor(600, java.util.concurrent.TimeUnit.SECONDS) : 'a concurrent build did not finish in 600 s'
}
def logOf = { name -> new File(basedir, "${name}.log").text }
def r = logOf('regressed')
def u = logOf('unchanged')
def row = { String log -> log.readLines().find { it =~ /^\[INFO\] AllocPerfTest\.allocate\s+alloc-bytes/ } }
def idOf = { String log -> (log =~ /Countersign build (\S+): results go to/)[0][1] }

def passed = { String log, String test -> log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: \S+ s -- in sample\.${test}/ }
[regressed: r, unchanged: u].each { name, log ->
  assert passed(log, 'AllocPerfTest') : "${name}: AllocPerfTest did not pass"
  assert passed(log, 'BarrierTest') : "${name}: the barrier did not pass"
}
assert idOf(r) != idOf(u)
assert r.contains('BUILD FAILURE') && row(r).contains('REGRESSION') && row(r).contains('+100') : row(r)
assert u.contains('BUILD SUCCESS') && row(u).contains('UNCHANGED') : row(u)

// each build's folder holds its own measurement
def slurper = new JsonSlurper()
def median = { String id ->
  def f = new File(basedir, "target/countersign/results/${id}/sample.AllocPerfTest.allocate.json")
  slurper.parse(f).metrics.find { it.name == 'alloc-bytes' }.perOp.sort(false)[5]
}
assert Math.abs(median(idOf(r)) / median(idOf(u)) - 2.0) < 0.05
println "concurrent-builds: regressed ${idOf(r)} ${row(r)}; unchanged ${idOf(u)} ${row(u)}"
return true

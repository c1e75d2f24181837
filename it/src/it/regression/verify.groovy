// (d) the regressed twin (twice the allocation) against the baseline of step 1: the build fails
// and the log names the test and the metric
import groovy.json.JsonSlurper

def steps = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert steps.size() == 2 : "expected 2 Maven invocations in build.log, found ${steps.size()}"
assert steps[0].contains('BUILD SUCCESS')

def second = steps[1]
assert second.contains('BUILD FAILURE')
assert second.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0') : 'the test itself must pass'
def row = second.readLines().find { it.contains('AllocPerfTest.allocate') && it.contains('alloc-bytes') && it.contains('jvm') }
assert row != null : 'no check-table row for AllocPerfTest.allocate alloc-bytes'
assert row.contains('REGRESSION') && row.contains('+100') : row
assert second.contains('1 performance check(s) failed')
assert second =~ /AllocPerfTest\.allocate alloc-bytes: REGRESSION \(\+100(\.0+)?%\)/
assert second.contains("mvn countersign:baseline")

// the measurement behind it: twice the bytes per op; the baseline was not touched
def slurper = new JsonSlurper()
def median = { f -> slurper.parse(f).with { j -> (j.runs ? j.runs[0] : j).metrics.find { it.name == 'alloc-bytes' }.perOp.sort(false)[5] } }
def base = median(new File(basedir, 'src/test/countersign/sample.AllocPerfTest.allocate.json'))
def now = median(new File(basedir, 'target/countersign/results/latest/sample.AllocPerfTest.allocate.json'))
assert base >= 1024 && base < 1100 : "baseline ${base}"
assert Math.abs(now / base - 2.0) < 0.05 : "current ${now} vs baseline ${base}: expected twice"
return true

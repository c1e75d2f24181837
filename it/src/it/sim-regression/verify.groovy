// The simulator in a user's build (mode=sim, agent from prepare-agent): deterministic instruction
// counts, and a +2.2% instruction regression of the project's own code fails the build.
import groovy.json.JsonSlurper

def steps = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert steps.size() == 3 : "expected 3 Maven invocations in build.log, found ${steps.size()}"
steps.each { s ->
  assert s.contains('argLine set to -javaagent:') && s.contains('countersign-agent') : 'agent not attached'
  assert s.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0') : 'the test itself must pass'
}
def rowOf = { String step, String metric ->
  def row = step.readLines().find { it.contains('HashPerfTest.hashBytes') && it =~ /\s${metric}\s+sim\s/ }
  assert row != null : "no check-table row for HashPerfTest.hashBytes ${metric} (source sim)"
  row
}

def slurper = new JsonSlurper()
def instructions = { f -> (slurper.parse(f).with { j -> (j.runs ? j.runs[0] : j) }).metrics.find { it.name == 'instructions' } }
def ops = 8192
def blocks = ops / 4

// 1: the baseline, measured by the simulator in mode sim; every sample the same
assert steps[0].contains('BUILD SUCCESS') && steps[0].contains('1 baseline(s) written to')
def baselineFile = new File(basedir, 'src/test/countersign/sample.HashPerfTest.hashBytes.json')
def baseline = slurper.parse(baselineFile)
assert baseline.runs.size() == 1 && baseline.runs[0].configuration.mode == 'sim'
def base = instructions(baselineFile)
assert base.source == 'sim' && base.perOp.size() == 5
assert base.perOp.unique(false).size() == 1 : "baseline samples differ: ${base.perOp}"
def baseMedian = base.perOp.sort(false)[2]
long baseTotal = Math.round(baseMedian * ops)
// the loop body is 45 weighted instructions per 4-byte block (README's weight table), plus the
// call, the final mix and the test method: a few dozen more per invocation
assert baseTotal >= 45 * blocks && baseTotal < 45 * blocks + 100 : "baseline ${baseTotal} instructions/invocation"

// 2: the same code: UNCHANGED, passes; the samples are identical to the baseline's
def second = steps[1]
assert second.contains('BUILD SUCCESS')
assert rowOf(second, 'instructions').contains('UNCHANGED')
assert rowOf(second, 'instructions').contains('+0.00%')
assert !second.contains('REGRESSION')
def unchangedFile = new File(basedir, 'target/countersign/results-unchanged/latest/sample.HashPerfTest.hashBytes.json')
def unchanged = slurper.parse(unchangedFile)
assert unchanged.configuration.mode == 'sim'
def same = instructions(unchangedFile)
assert same.source == 'sim' && same.perOp.size() == 5
assert same.perOp.every { it == baseMedian } : "unchanged run ${same.perOp} vs baseline median ${baseMedian}"

// 3: the regressed twin (one ixor more per block): the build fails naming the test and the metric
def third = steps[2]
assert third.contains('BUILD FAILURE')
def row = rowOf(third, 'instructions')
assert row.contains('REGRESSION') : row
assert rowOf(third, 'branches').contains('UNCHANGED') : 'the twin takes the same branches'
assert third.contains('1 performance check(s) failed')
def failure = third =~ /HashPerfTest\.hashBytes instructions: REGRESSION \(\+([0-9.]+)%\)/
assert failure.find() : 'the failure message does not name HashPerfTest.hashBytes instructions'
def printed = failure.group(1) as double
assert printed >= 1.0 && printed <= 5.0 : "printed change +${printed}%"

def regressedFile = new File(basedir, 'target/countersign/results/latest/sample.HashPerfTest.hashBytes.json')
assert slurper.parse(regressedFile).configuration.mode == 'sim'
def now = instructions(regressedFile)
assert now.source == 'sim' && now.perOp.unique(false).size() == 1 : "regressed samples differ: ${now.perOp}"
long nowTotal = Math.round(now.perOp[0] * ops)
assert nowTotal - baseTotal == blocks : "twin ${nowTotal} vs baseline ${baseTotal}: expected exactly one instruction more per block"
def change = (nowTotal / baseTotal - 1) * 100
assert Math.abs(change - printed) < 0.01 : "printed +${printed}% but the results differ by ${change}%"
// the baseline was not touched by the failing build
assert instructions(baselineFile).perOp == base.perOp
println "sim-regression: baseline ${baseTotal}, regressed twin ${nowTotal} instructions per invocation (+${printed}%)"
return true

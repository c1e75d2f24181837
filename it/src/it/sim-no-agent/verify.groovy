// mode=sim without the agent: the simulated metrics are UNAVAILABLE with error NO_AGENT and the
// remedy naming prepare-agent; they are never compared, never shown as UNCHANGED, never zero.
// Step 3 (the agent back) is the control: the code of step 2 really was regressed.
import groovy.json.JsonSlurper

// the same workload and test as sim-regression: both compile alloc-workload/src/shared/blockhash
['target/classes/sample/BlockHash.class', 'target/test-classes/sample/HashPerfTest.class'].each { p ->
  assert new File(basedir, p).isFile() : "${p}: the shared sample sources were not compiled"
}

def steps = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert steps.size() == 3 : "expected 3 Maven invocations in build.log, found ${steps.size()}"
def slurper = new JsonSlurper()
def resultFile = new File(basedir, 'target/countersign/results-no-agent/latest/sample.HashPerfTest.hashBytes.json')
def baselineFile = new File(basedir, 'src/test/countersign/sample.HashPerfTest.hashBytes.json')

// 1: with the agent (profile with-agent): a sim baseline
assert steps[0].contains(':prepare-agent (agent)') && steps[0].contains('argLine set to -javaagent:')
assert steps[0].contains('BUILD SUCCESS') && steps[0].contains('1 baseline(s) written to')
def baselineBefore = baselineFile.text
def baseRun = slurper.parse(baselineFile).runs[0]
assert baseRun.configuration.mode == 'sim'
assert baseRun.metrics*.name.sort() == ['branches', 'instructions']
assert baseRun.metrics.every { it.source == 'sim' }

// 2: no prepare-agent: nothing put into argLine, and the test JVM has no simulator
def second = steps[1]
assert !(second =~ /--- countersign-maven-plugin:[^:]+:prepare-agent/) && !second.contains('argLine set to') : 'prepare-agent ran'
assert second.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
def result = slurper.parse(resultFile)
assert result.configuration.mode == 'sim'
assert result.metrics.isEmpty() : "no simulated metric can be measured without the agent: ${result.metrics*.name}"
assert result.maxRegressions == [[metric: 'instructions', percent: 1.0]]
def missing = result.unavailable.find { it.name == 'instructions' }
assert missing != null : "instructions is not reported unavailable: ${result.unavailable}"
assert missing.source == 'sim' && missing.error == 'NO_AGENT'
assert missing.reason.contains('not attached')
assert missing.remedy.contains('countersign:prepare-agent') && missing.remedy.contains('-javaagent')
assert result.unavailable.find { it.name == 'branches' }?.error == 'NO_AGENT'

// the log: the declared metrics the baseline has are INCOMPARABLE, each note naming NO_AGENT and
// prepare-agent, and the build fails naming the test and the metric; no comparison verdict
def lines = second.readLines()
['instructions', 'branches'].each { metric ->
  def row = lines.find { it.contains('HashPerfTest.hashBytes') && it.contains(" ${metric} ") && it.contains('INCOMPARABLE') }
  assert row != null && row.contains('sim') : "no INCOMPARABLE row for ${metric}"
}
def note = lines.find { it =~ /^\[INFO\] \[\d+\] .*the baseline has sim samples of this metric/ }
assert note != null && note.contains('NO_AGENT') : 'no note explaining the missing measurement'
assert note.contains('add the countersign:prepare-agent goal to the pom')
assert second =~ /HashPerfTest\.hashBytes instructions: INCOMPARABLE/
['UNCHANGED', 'REGRESSION', 'NO BASELINE'].each { assert !second.contains(it) : "step 2 says ${it}" }
assert second.contains('BUILD FAILURE')
assert baselineFile.text == baselineBefore

// 3: the same regressed twin with the agent: REGRESSION, the build fails
def third = steps[2]
assert third.contains('argLine set to -javaagent:')
assert third.contains('BUILD FAILURE')
assert third =~ /HashPerfTest\.hashBytes instructions: REGRESSION \(\+[0-9.]+%\)/
assert baselineFile.text == baselineBefore
return true

// JaCoCo's agent instruments the classes it measures: values with and without it are never
// compared; INCOMPARABLE names the agent and says what to do
def steps = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert steps.size() == 2 : "expected 2 Maven invocations in build.log, found ${steps.size()}"
assert steps[0].contains('BUILD SUCCESS')
def baseline = new File(basedir, 'src/test/countersign/sample.AllocPerfTest.allocate.json').text
assert baseline =~ /"agents" : \[ \]/ : 'the baseline does not record that no other agent ran'

def check = steps[1]
assert check.contains('BUILD FAILURE')
def result = new File(basedir, 'target/countersign/results/latest/sample.AllocPerfTest.allocate.json').text
assert result.contains('"name" : "org.jacoco.agent-runtime"') : 'the run does not record JaCoCo'
def row = check.readLines().find { it.contains('AllocPerfTest.allocate') && it.contains('alloc-bytes') && it.contains('INCOMPARABLE') }
assert row != null : 'no INCOMPARABLE row for alloc-bytes'
def note = check.readLines().find { it =~ /^\[INFO\] \[\d+\] AllocPerfTest\.allocate alloc-bytes: / }
assert note != null : 'the INCOMPARABLE row has no note'
assert note.contains('baseline ran with no other JVM agent, this run with agents -javaagent org.jacoco.agent-runtime') : note
assert note.contains('-Djacoco.skip=true') && note.contains('mvn countersign:baseline') : note
return true

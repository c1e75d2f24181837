// a baseline of another schemaVersion (written by another Countersign version): check and baseline
// refuse it naming the file and the versions, without overwriting it; the advice, followed, works
import groovy.json.JsonSlurper

def steps = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert steps.size() == 4 : "expected 4 Maven invocations in build.log, found ${steps.size()}"
def name = 'src/test/countersign/sample.AllocPerfTest.allocate.json'
def errorOf = { String step -> step.readLines().find { it.startsWith('[ERROR] Failed to execute goal') } }

[[steps[0], ':check '], [steps[1], ':baseline ']].each { step, goal ->
  assert step.contains('BUILD FAILURE')
  def error = errorOf(step)
  assert error != null && error.contains(goal) && error.contains(name) : error
  assert error.contains('has schemaVersion 2 but this Countersign reads 1') : error
  assert error.contains('Delete it, then record it again') : error
  assert !step.contains('NO BASELINE')
}
// the refused file was not overwritten by step 2 (step 3 saved it before deleting it)
assert new File(basedir, 'target/refused-baseline.json').bytes == new File(basedir, 'schema2-original.json').bytes

// following the advice works
assert steps[3].contains('BUILD SUCCESS') && steps[3].contains('created ')
def json = new JsonSlurper().parse(new File(basedir, name))
assert json.schemaVersion == 1 && json.runs[0].metrics.find { it.name == 'alloc-bytes' }.source == 'jvm'
return true

// a committed baseline, then a clean build with -DskipTests: no results, so check passes and says
// that nothing was checked (as JaCoCo's check does without execution data)
def steps = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert steps.size() == 2 : "expected 2 Maven invocations in build.log, found ${steps.size()}"
assert steps[0].contains('BUILD SUCCESS') && steps[0].contains('1 baseline(s) written to')

def second = steps[1]
assert second.contains('Tests are skipped.')
assert second.contains('BUILD SUCCESS')
def line = second.readLines().find { it.contains('Countersign check:') }
assert line != null : 'check said nothing'
assert line.contains('no results') && line.contains('nothing was checked') : line
assert line.contains('1 baseline(s)') : line
assert !second.contains('NO BASELINE') && !second.contains('UNCHANGED')
def written = []
def resultsRoot = new File(basedir, 'target/countersign/results')
if (resultsRoot.exists()) resultsRoot.eachFileRecurse {
  // a run's mark (runs/<id>.json, written before its first test) is not a result
  if (it.name.endsWith('.json') && it.parentFile.name != 'runs') written << it
}
assert written.isEmpty() : "result files written: ${written}"
return true

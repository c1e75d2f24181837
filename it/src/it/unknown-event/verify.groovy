// (f) an unknown event name: the test fails before anything runs, and the message, shown in the
// build log, names the typo, suggests the right name and lists the valid events
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log =~ /Tests run: 1, Failures: \d, Errors: \d/
assert log.contains("invalid @PerfTest AllocPerfTest.allocate")
assert log.contains("@CounterBudget: unknown event 'alloc-byte'")
assert log.contains("did you mean 'alloc-bytes'?")
assert log.contains('Valid events:')
['alloc-bytes', 'gc-count', 'page-faults', 'instructions', 'subsystem:name'].each {
  assert log.contains(it) : "the list of valid events lacks ${it}"
}
// nothing was measured, so no result was written
def written = []
def resultsRoot = new File(basedir, 'target/countersign/results')
if (resultsRoot.exists()) resultsRoot.eachFileRecurse {
  // a run's mark (runs/<id>.json, written before its first test) is not a result
  if (it.name.endsWith('.json') && it.parentFile.name != 'runs') written << it
}
assert written.isEmpty() : "result files written: ${written}"
return true

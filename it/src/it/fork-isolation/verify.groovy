// forkCount = 2: Surefire runs two test JVMs at once. Step 1: the @PerfTest's span overlaps no
// busy test of the other JVM (the fork isolation lock); step 2, with countersign.isolateForks=false,
// it does, so step 1's check can fail.
def steps = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert steps.size() == 2 : "expected 2 Maven invocations in build.log, found ${steps.size()}"
steps.each { assert it.contains('BUILD SUCCESS') }

def spans = new File(basedir, 'target/timeline.txt').readLines().collect { it.split(' ') }
    .collect { [name: it[0], pid: it[1], start: it[2] as long, end: it[3] as long] }
// per step: the @PerfTest in its test JVM and in the JVM of its plain pass, three busy tests
assert spans.size() == 10 : "${spans.size()} spans: ${spans}"
def overlap = { a, b -> a.start < b.end && b.start < a.end }

[spans.subList(0, 5), spans.subList(5, 10)].eachWithIndex { step, i ->
  def perf = step.findAll { it.name == 'perf' }.max { it.end - it.start }
  def busy = step.findAll { it.name.startsWith('busy-') }
  assert perf != null && busy.size() == 3 : "step ${i + 1}: ${step}"
  // the build really forked twice: the @PerfTest's JVM is not the only one running tests
  assert busy.any { it.pid != perf.pid } : "step ${i + 1}: every test ran in the @PerfTest's JVM: ${step}"
  def beside = busy.findAll { overlap(it, perf) }
  if (i == 0) {
    assert beside.isEmpty() : "step 1: the @PerfTest ran beside ${beside} (perf: ${perf})"
  } else {
    assert !beside.isEmpty() : "step 2 (isolateForks=false): the @PerfTest ran beside no busy test, so step 1 proves nothing: ${step}"
  }
}
return true

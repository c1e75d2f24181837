// VM-exit estimates from the simulator's feed (baseline, mode sim) and from the perf feed (this
// run, mode perf) are different quantities: INCOMPARABLE fails the build and says why and what to
// do; before, the row compared them (MSR_WRITE 0.92 -> 0.013 was an IMPROVEMENT of -98.5%)
def steps = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert steps.size() == 2 : "expected 2 Maven invocations in build.log, found ${steps.size()}"
assert steps[0].contains('BUILD SUCCESS')

def baseline = new File(basedir, 'src/test/countersign/sample.HandOffPerfTest.handOff.json').text
assert baseline =~ /"feed" : "sim",\s+"fork"/ : 'the baseline does not record the sim feed'

def check = steps[1]
assert check.contains('BUILD FAILURE')
def result = new File(basedir, 'target/countersign/results/latest/sample.HandOffPerfTest.handOff.json').text
assert result.contains('"feed" : "perf"') : 'this run was not estimated from the perf feed'
def row = check.readLines().find { it.contains('HandOffPerfTest.handOff') && it.contains('MSR_WRITE') && it.contains('INCOMPARABLE') }
assert row != null : 'no INCOMPARABLE row for the MSR_WRITE estimate'
assert !check.readLines().any { it.contains('MSR_WRITE') && (it.contains('IMPROVEMENT') || it.contains('UNCHANGED') || it.contains('REGRESSION')) }
def note = check.readLines().find { it =~ /^\[INFO\] \[\d+\] HandOffPerfTest\.handOff vmexit\.intel-kvm-default\.MSR_WRITE: / }
assert note != null : 'the INCOMPARABLE row has no note'
assert note.contains('estimated from the sim feed, this run\'s from the perf feed') : note
assert note.contains('never compared') && note.contains('-Dcountersign.mode=sim') : note
assert note.contains("mvn countersign:baseline") : note
assert check =~ /HandOffPerfTest\.handOff vmexit\.intel-kvm-default\.MSR_WRITE: INCOMPARABLE/
// the same reason in the reports
def summary = new File(basedir, 'target/countersign/summary.md').text
assert summary.contains('INCOMPARABLE') && summary.contains('estimated from the sim feed') : summary
assert new File(basedir, 'target/countersign/report.json').text.contains('estimated from the sim feed')
return true

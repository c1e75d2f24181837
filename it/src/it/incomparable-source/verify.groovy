// a baseline hand-edited to say its values came from the PMU: values of different sources are
// never compared; INCOMPARABLE fails the build and says what to do
def steps = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert steps.size() == 3 : "expected 3 Maven invocations in build.log, found ${steps.size()}"
assert steps[0].contains('BUILD SUCCESS') && steps[1].contains('BUILD SUCCESS')

def check = steps[2]
assert check.contains('BUILD FAILURE')
def row = check.readLines().find { it.contains('AllocPerfTest.allocate') && it.contains('alloc-bytes') && it.contains('INCOMPARABLE') }
assert row != null : 'no INCOMPARABLE row for AllocPerfTest.allocate alloc-bytes'
def note = check.readLines().find { it =~ /^\[INFO\] \[\d+\] AllocPerfTest\.allocate alloc-bytes: / }
assert note != null : 'the INCOMPARABLE row has no note'
assert note.contains('baseline measured by pmu') && note.contains('this run by jvm') : note
assert note.contains('never compared') && note.contains("mvn countersign:baseline") : note
// both runs were in mode auto: the advice is about the machine, not a mode switch that changes nothing
assert note.contains('Run where pmu gives this metric') && !note.contains('-Dcountersign.mode=') : note
assert check =~ /AllocPerfTest\.allocate alloc-bytes: INCOMPARABLE/

// the hand-edited baseline is left as it is
def text = new File(basedir, 'src/test/countersign/sample.AllocPerfTest.allocate.json').text
assert text.contains('"source" : "pmu"') && !text.contains('"source" : "jvm"')
return true

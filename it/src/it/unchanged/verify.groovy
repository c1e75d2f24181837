// (c) a baseline recorded on this machine by step 1, the same code in step 2: UNCHANGED, passes
def steps = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert steps.size() == 2 : "expected 2 Maven invocations in build.log, found ${steps.size()}"
assert steps[0].contains('BUILD SUCCESS') && steps[0].contains('1 baseline(s) written to')

def second = steps[1]
assert second.contains('BUILD SUCCESS')
def row = second.readLines().find { it.contains('AllocPerfTest.allocate') && it.contains('alloc-bytes') }
assert row != null : 'no check-table row for AllocPerfTest.allocate alloc-bytes'
assert row.contains('jvm') && row.contains('UNCHANGED') : row
assert !second.contains('REGRESSION') && !second.contains('NO BASELINE')
return true

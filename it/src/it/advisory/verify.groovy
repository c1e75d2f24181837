// (g) countersign.failOnRegression=false: the regressed twin shows a REGRESSION row, the build passes
def steps = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert steps.size() == 2 : "expected 2 Maven invocations in build.log, found ${steps.size()}"
assert steps[0].contains('BUILD SUCCESS')

def second = steps[1]
def row = second.readLines().find { it.contains('AllocPerfTest.allocate') && it.contains('alloc-bytes') && it.contains('jvm') }
assert row != null : 'no check-table row for AllocPerfTest.allocate alloc-bytes'
assert row.contains('REGRESSION') && row.contains('+100') : row
assert second.contains('[WARNING] Countersign found 1 failing row(s); not failing the build (countersign.failOnRegression=false)')
assert second =~ /AllocPerfTest\.allocate alloc-bytes: REGRESSION/
assert second.contains('BUILD SUCCESS')
return true

// (a) first run, no committed baseline: the table shows NO BASELINE and the build passes
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
def row = log.readLines().find { it.contains('AllocPerfTest.allocate') && it.contains('alloc-bytes') }
assert row != null : 'no check-table row for AllocPerfTest.allocate alloc-bytes'
assert row.contains('jvm') && row.contains('NO BASELINE') : row
assert log.contains("record one with 'mvn countersign:baseline'")

// the result was written, with real samples: 100 blocks of byte[1024] per invocation
def result = new File(basedir, 'target/countersign/results/latest/sample.AllocPerfTest.allocate.json')
assert result.isFile()
def json = new groovy.json.JsonSlurper().parse(result)
assert json.schemaVersion == 1
def alloc = json.metrics.find { it.name == 'alloc-bytes' }
assert alloc.source == 'jvm' && alloc.perOp.size() == 10
def median = alloc.perOp.sort()[5]
assert median >= 1024 && median < 1200 : "alloc-bytes per op ${median}, expected a little over 1024"

// nothing was written into the sources
assert !new File(basedir, 'src/test/countersign').exists()
return true

// (b) 'verify countersign:baseline' promotes the result to src/test/countersign/
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
def file = new File(basedir, 'src/test/countersign/sample.AllocPerfTest.allocate.json')
assert file.isFile() : 'the baseline file was not written'
assert log =~ /created .*src\/test\/countersign\/sample\.AllocPerfTest\.allocate\.json/
assert log =~ /alloc-bytes \[jvm\]: new, [\d,.]+ bytes\/op/
assert log.contains('1 baseline(s) written to') && log.contains('review and commit them')

def text = file.text
assert text.endsWith('\n')
// stable key order (alphabetical), so a pull-request diff is readable
assert text.indexOf('"runs"') < text.indexOf('"schemaVersion"')
assert text.indexOf('"schemaVersion"') < text.indexOf('"test"')
def json = new JsonSlurper().parseText(text)
assert json.schemaVersion == 1
assert json.test.className == 'sample.AllocPerfTest'
assert json.test.methodName == 'allocate'
assert json.runs.size() == 1
def run = json.runs[0]
assert run.configuration.mode == 'auto'
assert run.configuration.warmup == 3
assert run.configuration.iterations == 10
assert run.configuration.opsPerInvocation == 100
assert run.environment.jvm && run.environment.os
def alloc = run.metrics.find { it.name == 'alloc-bytes' }
assert alloc != null : "no alloc-bytes in ${run.metrics*.name}"
assert alloc.source == 'jvm' && alloc.unit == 'bytes' && alloc.perOp.size() == 10
def median = alloc.perOp.sort(false)[5]
assert median >= 1024 && median < 1100 : "alloc-bytes per op ${median}, expected a little over 1024"

// it holds exactly the samples of the result it promoted
def result = new JsonSlurper().parse(
    new File(basedir, 'target/countersign/results/latest/sample.AllocPerfTest.allocate.json'))
assert alloc.perOp == result.metrics.find { it.name == 'alloc-bytes' }.perOp

// written atomically: no temporary file left behind
assert file.parentFile.list() as List == ['sample.AllocPerfTest.allocate.json']
return true

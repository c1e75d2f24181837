// -Dtest=AllocPerfTest: the other test's result of the first build is not this build's. check
// judges AllocPerfTest only and shows OtherPerfTest NOT RUN; a later 'countersign:baseline'
// promotes AllocPerfTest only.
import groovy.json.JsonSlurper

def steps = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert steps.size() == 3 : "expected 3 Maven invocations in build.log, found ${steps.size()}"
assert steps[0].contains('BUILD SUCCESS') && steps[0].contains('2 baseline(s) written to')

def second = steps[1]
assert second.contains('BUILD SUCCESS')
assert second.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0') : 'one test selected'
def alloc = second.readLines().find { it.contains('AllocPerfTest.allocate') && it.contains('alloc-bytes') }
assert alloc != null && alloc.contains('UNCHANGED') : alloc
def other = second.readLines().findAll { it =~ /^\[INFO\] OtherPerfTest\.allocateOther\s/ }
assert !other.isEmpty() : 'no row for OtherPerfTest'
other.each { assert it.contains('NOT RUN') && !it.contains('UNCHANGED') : it }

def third = steps[2]
assert third.contains('BUILD SUCCESS')
assert third.contains('reads the results of the build started last')
assert third =~ /updated .*sample\.AllocPerfTest\.allocate\.json/
assert !(third =~ /updated .*sample\.OtherPerfTest/)
assert third.contains('1 baseline(s) written to')
assert third.contains('their tests did not run in this build: sample.OtherPerfTest.allocateOther.json')
def slurper = new JsonSlurper()
def runs = { name -> slurper.parse(new File(basedir, "src/test/countersign/sample.${name}.json")).runs.size() }
assert runs('AllocPerfTest.allocate') == 2
assert runs('OtherPerfTest.allocateOther') == 1 : 'OtherPerfTest was promoted again from the first build'
return true

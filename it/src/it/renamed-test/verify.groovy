// A test method renamed between two builds (no 'clean'): the old name's result, left in target/
// by the first build, is not this build's. check shows the old test NOT RUN (its baseline exists)
// and never UNCHANGED; baseline promotes the new name only and leaves the old baseline alone.
import groovy.json.JsonSlurper

def steps = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert steps.size() == 3 : "expected 3 Maven invocations in build.log, found ${steps.size()}"
assert steps[0].contains('BUILD SUCCESS') && steps[0].contains('1 baseline(s) written to')

def third = steps[2]
assert third.contains('BUILD SUCCESS')
assert third.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0') : 'only the renamed test runs'
def rows = third.readLines().findAll { it =~ /^\[INFO\] AllocPerfTest\.allocate\s/ }
assert !rows.isEmpty() : 'no row for the old name AllocPerfTest.allocate'
rows.each { assert it.contains('NOT RUN') && !it.contains('UNCHANGED') : it }
def renamed = third.readLines().find { it.contains('AllocPerfTest.allocateRenamed') && it.contains('alloc-bytes') }
assert renamed != null && renamed.contains('NO BASELINE') : renamed

// baseline: the new name created, the old one not updated, and said so
assert third =~ /created .*sample\.AllocPerfTest\.allocateRenamed\.json/
assert !(third =~ /updated .*sample\.AllocPerfTest\.allocate\.json/)
assert third.contains('1 baseline(s) written to')
assert third.contains('1 baseline(s) left as they are, their tests did not run in this build: sample.AllocPerfTest.allocate.json')
def slurper = new JsonSlurper()
def old = slurper.parse(new File(basedir, 'src/test/countersign/sample.AllocPerfTest.allocate.json'))
assert old.runs.size() == 1 : "the old baseline was promoted again: ${old.runs.size()} runs"
def now = slurper.parse(new File(basedir, 'src/test/countersign/sample.AllocPerfTest.allocateRenamed.json'))
assert now.runs.size() == 1

// the first build's folder still holds the old result; this build's folder only the new one
def latest = new File(basedir, 'target/countersign/results/latest')
assert latest.list().findAll { it.endsWith('.json') } == ['sample.AllocPerfTest.allocateRenamed.json']
return true

// The README's quick start, followed literally by a project outside this build: NO BASELINE, then
// a baseline, then UNCHANGED, then the history of those builds, then a failing build once the
// workload does twice the work.
import groovy.json.JsonSlurper

// 1. the sample still is the README: its XML snippets appear in the pom, its annotations in the test
def readme = new File(basedir, '../../../../README.md')
assert readme.isFile() : "README.md not found at ${readme.canonicalPath}"
def squash = { String s -> s.replaceAll(/\s+/, ' ').trim() }
def quickStart = readme.text.split(/(?m)^## /).find { it.startsWith('Quick start') }
assert quickStart != null : 'README.md has no "## Quick start" section'
def pom = squash(new File(basedir, 'pom.xml').text)
def snippets = (quickStart =~ /(?s)```xml\n(.*?)```/).collect { it[1] }
assert snippets.size() == 2 : "expected the dependency and the plugin snippet, found ${snippets.size()}"
snippets.each { assert pom.contains(squash(it)) : "the README snippet is not in the sample pom:\n${it}" }
def java = (quickStart =~ /(?s)```java\n(.*?)```/).collect { it[1] }
assert java.size() == 1
def test = new File(basedir, 'src/test/java/com/example/QueuePerfTest.java').text
java[0].readLines().findAll { it.trim().startsWith('@') || it.trim().startsWith('import ') }.each {
  assert test.contains(it.trim()) : "the README line is not in the sample test: ${it.trim()}"
}
def commands = (quickStart =~ /(?s)```sh\n(.*?)```/).collect { it[1] }
assert commands.size() == 1
assert commands[0].readLines()*.replaceAll(/\s*#.*/, '') == ['mvn verify', 'mvn countersign:baseline', 'mvn verify', 'mvn countersign:history']

// 2. the builds, one per README command, then the doubled workload
def steps = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert steps.size() == 5 : "expected 5 Maven invocations in build.log, found ${steps.size()}"
def row = { String step -> step.readLines().find { it.contains('QueuePerfTest.offerPoll') && it =~ /alloc-bytes +jvm/ } }

assert steps[0].contains('BUILD SUCCESS')
assert steps[0].contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
assert row(steps[0])?.contains('NO BASELINE') : row(steps[0])
assert steps[0] =~ /alloc-bytes \(budget\) +jvm .*WITHIN BUDGET/

def baseline = new File(basedir, 'src/test/countersign/com.example.QueuePerfTest.offerPoll.json')
assert steps[1].contains('BUILD SUCCESS') && steps[1].contains('created ')
assert baseline.isFile()
assert new JsonSlurper().parse(baseline).schemaVersion == 1

assert steps[2].contains('BUILD SUCCESS')
assert row(steps[2])?.contains('UNCHANGED') : row(steps[2])

// the history: the two verify builds were recorded (the store is it/pom.xml's, shared by the ITs
// and kept across runs, so only the form of the summary is certain)
assert steps[0] =~ /Countersign history: recorded build \S+ \(.* series\) in jdbc:sqlite:/
assert steps[3].contains('BUILD SUCCESS')
assert steps[3] =~ /Countersign history of com\.example:\S+ in jdbc:sqlite:/
assert steps[3] =~ /\d+ trend\(s\), \d+ change point\(s\), \d+ open:/
assert new File(basedir, 'target/countersign/history.html').isFile()

def doubled = steps[4]
assert doubled.contains('BUILD FAILURE')
assert doubled.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0') : 'still within the absolute budget'
assert row(doubled)?.contains('REGRESSION') : row(doubled)
assert doubled =~ /QueuePerfTest\.offerPoll alloc-bytes: REGRESSION \(\+100(\.0+)?%\)/
return true

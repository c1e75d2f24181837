// mode=sim over Gson and jackson-core's byte parser: the dependency's code is counted (twice the
// records, about twice the instructions), and JaCoCo on or off, in either -javaagent order, gives
// identical simulated counts — the parser's clock-seeded symbol table and ThreadLocal buffer
// recycler included (docs/simulator.md, "Random numbers and clock seeds", "ThreadLocal").
import groovy.json.JsonSlurper

def steps = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert steps.size() == 3 : "expected 3 Maven invocations in build.log, found ${steps.size()}"
steps.each { s ->
  assert s.contains('BUILD SUCCESS')
  assert s.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0') : 'the tests themselves must pass'
}
def argLine = { String step -> (step =~ /argLine set to (.*)/).findAll().collect { it[1] }.last() }
assert !argLine(steps[0]).contains('jacoco') : 'step 1 runs without coverage'
def first = argLine(steps[1])
assert first.indexOf('org.jacoco.agent') >= 0 && first.indexOf('org.jacoco.agent') < first.indexOf('countersign') : "JaCoCo first: ${first}"
def second = argLine(steps[2])
assert second.indexOf('countersign') >= 0 && second.indexOf('countersign') < second.indexOf('org.jacoco.agent') : "Countersign first: ${second}"
assert new File(basedir, 'target/jacoco.exec').isFile() : 'coverage was recorded'

def slurper = new JsonSlurper()
def metrics = { String dir, String test ->
  def f = new File(basedir, "target/countersign/${dir}/latest/sample.${test}.json")
  assert f.isFile() : "no result ${f}"
  def r = slurper.parse(f)
  assert r.configuration.mode == 'sim'
  r.metrics.findAll { it.source == 'sim' }.collectEntries { [(it.name): it.perOp] }
}
['JsonPerfTest.parseHundredRecords', 'JsonPerfTest.parseTwoHundredRecords',
 'JacksonBytesPerfTest.parseTokens'].each { test ->
  def plain = metrics('results-no-coverage', test)
  assert plain.keySet() == ['instructions', 'branches', 'branch-misses', 'L1-dcache-load-misses', 'cycles'] as Set : plain.keySet()
  plain.each { name, perOp -> assert perOp.unique(false).size() == 1 : "${test} ${name} differs run to run: ${perOp}" }
  ['results-jacoco-first', 'results-countersign-first'].each { dir ->
    assert metrics(dir, test) == plain : "${test}: ${dir} ${metrics(dir, test)} vs without coverage ${plain}"
  }
}
def small = metrics('results-no-coverage', 'JsonPerfTest.parseHundredRecords').instructions[0]
def large = metrics('results-no-coverage', 'JsonPerfTest.parseTwoHundredRecords').instructions[0]
// the test's own code is a few dozen instructions: the rest is Gson's parsing
assert small > 50_000 : "only ${small} instructions for 100 records: Gson not counted?"
def ratio = large / small
assert ratio > 1.8 && ratio < 2.2 : "200 vs 100 records: ${large} / ${small} = ${ratio}"
println "simulated instructions: 100 records ${small}, 200 records ${large} (x${ratio})"

// maven-source-plugin:jar forks the lifecycle at package and so runs prepare-agent again; before
// the fix it prepended the agent and -Dcountersign.deferBudgets=true to the argLine it had set
// already, and the Failsafe JVM started with Countersign's agent twice.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
def prepares = log.readLines().findAll { it.contains('countersign') && it.contains(':prepare-agent (') }
assert prepares.size() == 2 : "the forked lifecycle ran prepare-agent again: ${prepares}"
def sets = log.readLines().findAll { it.startsWith('[INFO] argLine set to ') }
assert sets.size() == 2 : sets
assert sets[1] == sets[0] : "the second run changed argLine:\n${sets[0]}\n${sets[1]}"
def options = log.readLines().find { it.startsWith('IT JVM options: ') }
assert options != null : 'the IT did not run'
assert options.count('-javaagent:') == 1 && options.contains('countersign-agent') : options
assert options.count('-Dcountersign.deferBudgets=true') == 1 : options
assert options.count('-Dcountersign.buildId=') == 1 : options
// both JVMs' @PerfTests were judged by check
['AllocPerfTest.allocate', 'AllocIT.allocate'].each { test ->
  assert log.readLines().any { it.contains(test) && it.contains('NO BASELINE') } : "no row for ${test}"
}
return true

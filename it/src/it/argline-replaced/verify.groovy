// Surefire's <argLine>-Xss1m</argLine> replaces prepare-agent's: the test ran (and passed) with
// neither the agent nor the build id, so its result went to a "-standalone" folder. check must fail
// the build saying so and how to fix the argLine, instead of passing on "nothing was checked".
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0') : 'the @PerfTest did not run'
assert log.contains('BUILD FAILURE')
// prepare-agent says it before the tests run
def early = log.readLines().find { it.contains('[WARNING] Countersign: maven-surefire-plugin\'s <argLine>-Xss1m</argLine> does not contain @{argLine}') }
assert early != null : 'prepare-agent did not warn about the argLine'
assert early.endsWith('Write it as <argLine>@{argLine} -Xss1m</argLine>.') : early
assert log.readLines().count { it.contains('does not contain @{argLine}') } == 1
assert log.indexOf(early) < log.indexOf('T E S T S')
def line = log.readLines().find { it.contains('[ERROR]') && it.contains('wrote @PerfTest results without its id') }
assert line != null : 'check did not name the results written without the build id'
assert line =~ /1 in \S+-standalone/ : line
assert line.contains('<argLine>@{argLine} your options</argLine>') : line
assert line.contains('nothing was checked') : line
assert !log.contains('Countersign check: no results of this build')
def standalone = new File(basedir, 'target/countersign/results').listFiles().findAll { it.name.endsWith('-standalone') }
assert standalone.size() == 1 && new File(standalone[0], 'sample.JoinPerfTest.join.json').isFile()
return true

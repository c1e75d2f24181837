// (e) a corrupt (truncated) committed baseline: check fails naming the file and the problem, and
// baseline refuses to overwrite it
def steps = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert steps.size() == 2 : "expected 2 Maven invocations in build.log, found ${steps.size()}"
def name = 'src/test/countersign/sample.AllocPerfTest.allocate.json'

def check = steps[0]
assert check.contains('BUILD FAILURE')
assert check.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0') : 'the test itself must pass'
def error = check.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null && error.contains(':check ') : error
assert error.contains(name) : error
assert error.contains('not valid JSON') && error.contains('corrupt or truncated') : error
assert error =~ /at line \d+, column \d+/ : error
assert !check.contains('NO BASELINE') : 'a corrupt baseline must never be taken as no baseline'

def promote = steps[1]
assert promote.contains('BUILD FAILURE')
def error2 = promote.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error2 != null && error2.contains(':baseline ') && error2.contains(name) : error2
assert error2.contains('Nothing was written') : error2

// what a user sees (no -e): the message, not a stack trace of Countersign's code
steps.each { assert !(it =~ /(?m)^\s+at dev\.countersign\./) }

// nothing was overwritten
def file = new File(basedir, name)
assert file.bytes == new File(basedir, 'corrupt-original.json').bytes
assert file.parentFile.list() as List == ['sample.AllocPerfTest.allocate.json']
return true

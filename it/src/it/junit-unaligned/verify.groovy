// unaligned JUnit jars: the build stops at prepare-agent, before any test, naming both releases and the fix
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('the JUnit jars of the test class path are of 2 different releases, 5.11.4 and 5.13.4')
assert log.contains('org.junit.platform:junit-platform-launcher:1.11.4 = JUnit 5.11.4')
assert log.contains('org.junit.jupiter:junit-jupiter-engine:5.13.4 (via org.junit.jupiter:junit-jupiter:jar:5.13.4) = JUnit 5.13.4')
assert log.contains('Fix: import org.junit:junit-bom:<version>')
assert !log.contains('Tests run:') : 'no test ran'
return true

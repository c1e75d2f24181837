// countersign.iterations=7 and countersign.warmup=0, given only in junit-platform.properties, override
// the annotation's warmup = 3, iterations = 10
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert !log.contains('-Dcountersign.iterations') && !new File(basedir, 'pom.xml').text.contains('countersign.iterations')
def json = new groovy.json.JsonSlurper().parse(
    new File(basedir, 'target/countersign/results/latest/sample.AllocPerfTest.allocate.json'))
assert json.configuration.iterations == 7 && json.configuration.warmup == 0 : json.configuration
assert json.metrics.find { it.name == 'alloc-bytes' }.perOp.size() == 7
return true

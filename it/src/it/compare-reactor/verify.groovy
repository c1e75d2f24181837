// compare on a module of a multi-module repository (see prebuild.groovy): both sides are built
// through the reactor with -pl perf -am, so lib's regression is seen; lib's tests are not run
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE') : log
assert log.contains('the module is built in the reactor at the repository\'s top level: each side runs -pl perf -am') : log
assert log =~ /BlocksPerfTest\.allocate alloc-bytes: REGRESSION \(\+100(\.\d+)?% against HEAD~1\)/ : log
// a test by a name of the module's own <includes> is compared too
assert log =~ /BlocksBench\.allocateFifty alloc-bytes: REGRESSION \(\+100(\.\d+)?% against HEAD~1\)/ : log

// each side's own Surefire selection: BlocksCheck only A's <includes> select (listed as only at
// A), BlocksBench A's <includes> and B's includesFile, SlowBlocksPerfTest excluded by both
assert log.readLines().find { it.contains('BlocksCheck.allocateOne') && it.contains('NOT RUN') } : log
assert new File(basedir, 'multi/perf/target/countersign/compare/round-1/A.log').text
    .contains('Running sample.BlocksCheck') : 'A did not run the test its own POM selects'

// B's budget is judged as check judges it, in the table, the failures and summary.md
assert log =~ /BlocksPerfTest\.allocate\s+alloc-bytes \(budget\).*OVER BUDGET/ : log
assert log =~ /BlocksPerfTest\.allocate alloc-bytes \(budget\): OVER BUDGET/ : log
def summary = new File(basedir, 'multi/perf/target/countersign/summary.md').text
assert summary.contains('alloc-bytes (budget)') && summary.contains('OVER BUDGET') : summary

def perf = new File(basedir, 'multi/perf/target/countersign/compare')
['round-1', 'round-2'].each { round ->
  ['A', 'B'].each { side ->
    def sideLog = new File(perf, "${round}/${side}.log").text
    assert sideLog.contains('Reactor Build Order') && sideLog.contains('it-compare-reactor-lib') : sideLog
    assert !sideLog.contains('Running sample.BlocksTest') : "lib's test ran in ${round} of ${side}"
    assert sideLog.contains('Running sample.BlocksPerfTest') : sideLog
    // the module's Surefire includes and excludes, not the default names
    assert sideLog.contains('Running sample.BlocksBench') : sideLog
    assert !sideLog.contains('SlowBlocksPerfTest') : "an excluded test ran in ${round} of ${side}"
    if (side == 'B') {
      assert !sideLog.contains('Running sample.BlocksCheck') : "B ran a test its includesFile leaves out"
    }
  }
}
assert !new File(basedir, 'multi/lib/target/lib-test-ran').exists() : "lib's test ran in B"

def p = ['git', 'worktree', 'list', '--porcelain'].execute(null, new File(basedir, 'multi'))
def out = p.text
p.waitFor()
assert out.readLines().count { it.startsWith('worktree ') } == 1 : out
return true

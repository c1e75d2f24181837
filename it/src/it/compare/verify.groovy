// compare on real git repositories (see prebuild.groovy): passes without a regression, fails
// naming the test and metric with one, lists one-sided tests, cleans its worktree up, and gives
// clear errors for an unknown ref and outside a repository
def steps = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert steps.size() == 4 : "expected 4 Maven invocations in build.log, found ${steps.size()}"

def row = { String step, String test, String metric ->
  step.readLines().find { it.contains(test) && it.contains(' ' + metric + ' ') }
}

// 1: ok, a rename and an uncommitted comment
def ok = steps[0]
assert ok.contains('BUILD SUCCESS') : ok
assert ok.contains('with its uncommitted changes')
def okRow = row(ok, 'BlocksPerfTest.allocate', 'alloc-bytes')
assert okRow != null && okRow.contains('UNCHANGED') : okRow
assert ok.contains('A/B against HEAD~1')
assert row(ok, 'NewPerfTest.added', '-')?.contains('NO BASELINE') : 'a test only in B is listed'
assert row(ok, 'OldPerfTest.old', '-')?.contains('NOT RUN') : 'a test only in A is listed'
assert new File(basedir, 'ok/target/countersign/compare/round-2/A.log').isFile()
// every round, the first included, runs the @PerfTests only: not the plain BlocksTest beside them
['A', 'B'].each { side ->
  (1..2).each { n ->
    def log = new File(basedir, "ok/target/countersign/compare/round-${n}/${side}.log").text
    assert log.contains('sample.BlocksPerfTest') : "round ${n} ${side} ran no @PerfTest:\n${log}"
    assert !log.contains('sample.BlocksTest') : "round ${n} ${side} ran a plain test:\n${log}"
  }
}
def summary = new File(basedir, 'ok/target/countersign/summary.md').text
assert summary.contains('A/B against HEAD') && summary.contains('NewPerfTest.added') : summary

// 2: regressed, twice the allocation
def bad = steps[1]
assert bad.contains('BUILD FAILURE') : bad
def badRow = row(bad, 'BlocksPerfTest.allocate', 'alloc-bytes')
assert badRow != null && badRow.contains('REGRESSION') && badRow.contains('+100') : badRow
assert bad =~ /BlocksPerfTest\.allocate alloc-bytes: REGRESSION \(\+100(\.\d+)?% against HEAD~1\)/

// 3 and 4: clear errors
assert steps[2].contains("unknown git ref 'no-such-ref'") : steps[2]
assert steps[3].contains('is not inside a git repository') : steps[3]

// no worktree is left behind, after a pass and after a failure
['ok', 'regressed'].each { name ->
  def p = ['git', 'worktree', 'list', '--porcelain'].execute(null, new File(basedir, name))
  def out = p.text
  p.waitFor()
  assert out.readLines().count { it.startsWith('worktree ') } == 1 : "${name}: ${out}"
}
return true

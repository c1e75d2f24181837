// Makes multi/ from template/: a git repository of a two-module reactor (lib; perf, whose
// @PerfTest uses lib). Commit 1 is the template (A); commit 2 makes lib allocate two blocks per
// block (B): the change is in the upstream module, so only a build of both sides through the
// reactor sees it. Commit 2 also moves perf's Surefire <includes>/<excludes> into an
// includesFile (relative to perf/) and an excludesFile, leaving BlocksCheck out.
def git = { File dir, String... args ->
  def p = (['git'] + args.toList()).execute(null, dir)
  def out = new StringBuilder()
  p.consumeProcessOutput(out, out)
  assert p.waitFor() == 0 : "git ${args.join(' ')} in ${dir}: ${out}"
  out.toString()
}
def repo = new File(basedir, 'multi')
new File(basedir, 'template').eachFileRecurse { f ->
  def target = new File(repo, new File(basedir, 'template').toPath().relativize(f.toPath()).toString())
  if (f.isDirectory()) { target.mkdirs() } else { target.parentFile.mkdirs(); target.bytes = f.bytes }
}
new File(repo, '.gitignore').text = 'target/\n'
git(repo, 'init', '-q')
git(repo, 'config', 'user.email', 'it@example.invalid')
git(repo, 'config', 'user.name', 'IT')
git(repo, 'add', '-A')
git(repo, 'commit', '-q', '-m', 'A: the base revision')
def blocks = new File(repo, 'lib/src/main/java/sample/Blocks.java')
blocks.text = blocks.text.replace('static final int FACTOR = 1;', 'static final int FACTOR = 2;')
def perfPom = new File(repo, 'perf/pom.xml')
def lists = perfPom.text.find(/(?s)<includes>.*<\/excludes>/)
assert lists : perfPom.text
perfPom.text = perfPom.text.replace(lists,
    '<includesFile>perf-tests.txt</includesFile>\n          <excludesFile>src/test/excluded.txt</excludesFile>')
new File(repo, 'perf/perf-tests.txt').text = '# what perf\'s Surefire runs at B\n**/*PerfTest.java\n\n  **/*Bench.java  \n'
new File(repo, 'perf/src/test/excluded.txt').text = '**/Slow*\n'
git(repo, 'add', '-A')
git(repo, 'commit', '-q', '-m', 'B: lib allocates twice as much')
return true

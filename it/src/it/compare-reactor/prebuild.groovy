// Makes multi/ from template/: a git repository of a two-module reactor (lib; perf, whose
// @PerfTest uses lib). Commit 1 is the template (A); commit 2 makes lib allocate two blocks per
// block (B): the change is in the upstream module, so only a build of both sides through the
// reactor sees it.
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
git(repo, 'add', '-A')
git(repo, 'commit', '-q', '-m', 'B: lib allocates twice as much')
return true

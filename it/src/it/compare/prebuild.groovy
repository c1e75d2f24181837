// Makes the IT's git repositories from template/: in each, commit 1 is the template (A) and
// commit 2 changes it (B):
//   ok/        commit 2 renames a local variable; an uncommitted comment makes the tree dirty
//   regressed/ commit 2 allocates two blocks per block (twice the alloc-bytes)
// plus, in both, a test that exists on one side only.
def git = { File dir, String... args ->
  def p = (['git'] + args.toList()).execute(null, dir)
  def out = new StringBuilder()
  p.consumeProcessOutput(out, out)
  assert p.waitFor() == 0 : "git ${args.join(' ')} in ${dir}: ${out}"
  out.toString()
}
def copy = { File from, File to ->
  from.eachFileRecurse { f ->
    def target = new File(to, from.toPath().relativize(f.toPath()).toString())
    if (f.isDirectory()) { target.mkdirs() } else { target.parentFile.mkdirs(); target.bytes = f.bytes }
  }
}
def template = new File(basedir, 'template')
['ok', 'regressed'].each { name ->
  def repo = new File(basedir, name)
  copy(template, repo)
  new File(repo, '.gitignore').text = 'target/\n'
  // a test only at A: removed in commit 2
  new File(repo, 'src/test/java/sample/OldPerfTest.java').text = '''package sample;
class OldPerfTest {
  @dev.countersign.junit.PerfTest(warmup = 1, iterations = 4)
  void old() { new Blocks().allocate(1); }
}
'''
  git(repo, 'init', '-q')
  git(repo, 'config', 'user.email', 'it@example.invalid')
  git(repo, 'config', 'user.name', 'IT')
  git(repo, 'add', '-A')
  git(repo, 'commit', '-q', '-m', 'A: the base revision')
  new File(repo, 'src/test/java/sample/OldPerfTest.java').delete()
  // a test only at B: added in commit 2
  new File(repo, 'src/test/java/sample/NewPerfTest.java').text = '''package sample;
class NewPerfTest {
  @dev.countersign.junit.PerfTest(warmup = 1, iterations = 4)
  void added() { new Blocks().allocate(1); }
}
'''
  def blocks = new File(repo, 'src/main/java/sample/Blocks.java')
  if (name == 'regressed') {
    blocks.text = blocks.text.replace('static final int FACTOR = 1;', 'static final int FACTOR = 2;')
  } else {
    blocks.text = blocks.text.replace('int length = 0;', 'int last = 0;').replace('length = b.length;', 'last = b.length;').replace('return length;', 'return last;')
  }
  git(repo, 'add', '-A')
  git(repo, 'commit', '-q', '-m', 'B: ' + (name == 'regressed' ? 'twice the allocation' : 'a rename'))
  if (name == 'ok') {
    blocks.text = blocks.text.replace('/** Allocates kilobyte', '/** (uncommitted) Allocates kilobyte')
  }
}
return true

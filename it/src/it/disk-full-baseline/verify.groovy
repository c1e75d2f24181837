// countersign:baseline onto a full disk, in a real Maven build. src/test/countersign/ becomes a
// small tmpfs holding the two committed baselines and a filler that leaves room for one new
// baseline file but not for two (an older Countersign then replaced one of the two and said
// "Nothing was written"). The promotion must fail saying that nothing was written, leave both
// baselines byte for byte as they were and no temporary file; with room again it must succeed.
def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').path
def settings = new File(basedir.parentFile, 'interpolated-settings.xml')
assert settings.isFile() : "no ${settings}"
def dir = new File(basedir, 'src/test/countersign')
def names = ['sample.AllocPerfTest.allocate.json', 'sample.ZetaPerfTest.allocateLast.json']
assert (dir.list() as List).sort() == names : "goal 1 wrote ${dir.list()}"
def before = names.collectEntries { [(it): new File(dir, it).bytes] }

def sh = { List<String> cmd ->
  def p = new ProcessBuilder(cmd*.toString()).redirectErrorStream(true).start()
  def out = p.inputStream.text
  [p.waitFor(), out]
}
def baseline = { String name ->
  def cmd = [mvn, '-B', '-s', settings.path, "-Dmaven.repo.local=${localRepositoryPath}",
             '-Dcountersign.history=2', 'countersign:baseline']
  def p = new ProcessBuilder(cmd*.toString()).directory(basedir).redirectErrorStream(true)
      .redirectOutput(new File(basedir, "${name}.log")).start()
  assert p.waitFor(600, java.util.concurrent.TimeUnit.SECONDS) : "${name}: no end in 600 s"
  new File(basedir, "${name}.log").text
}

def (rc, out) = sh(['mount', '-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir.path])
assert rc == 0 : "this IT mounts a tmpfs, which needs root (CI runs as root): ${out}"
try {
  before.each { n, bytes -> new File(dir, n).bytes = bytes }
  // fill the file system, then free the pages of one new file (with history 2 a new baseline
  // holds the new run and the old one: about twice an old file) but not of two
  def filler = new File(dir, 'filler')
  sh(['dd', 'if=/dev/zero', "of=${filler.path}", 'bs=4096'])
  long newFilePages = (long) Math.ceil(2.05 * before.values().collect { it.length }.max() / 4096)
  def raf = new RandomAccessFile(filler, 'rw')
  raf.setLength(Math.max(0, filler.length() - newFilePages * 4096))
  raf.close()

  def full = baseline('full')
  assert full.contains('BUILD FAILURE') : 'the promotion onto a full disk did not fail'
  assert full.contains('No space left on device') : full
  assert full.contains('Nothing was written: all 2 baseline(s)') : full
  // the case an older Countersign got wrong: the first new file fitted, the second did not
  assert full.contains('sample.ZetaPerfTest.allocateLast.json: cannot stage') : full
  names.each { n ->
    assert new File(dir, n).bytes == before[n] : "${n} changed on a full disk"
  }
  assert (dir.list() as List).sort() == (names + ['filler']).sort() : "left behind: ${dir.list()}"

  filler.delete()
  def room = baseline('room')
  assert room.contains('BUILD SUCCESS') : room
  names.each { n ->
    assert new groovy.json.JsonSlurper().parse(new File(dir, n)).runs.size() == 2 : "${n} not promoted"
  }
  assert (dir.list() as List).sort() == names : "left behind: ${dir.list()}"
  println "disk-full-baseline: refused on a full tmpfs with both baselines intact: " +
      full.readLines().find { it.contains('Nothing was written') }
} finally {
  sh(['umount', dir.path])
}
return true

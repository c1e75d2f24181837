// A database of this IT's own on the PostgreSQL server that .ci/run starts (role countersign,
// as in ../settings.xml's server countersign-history): dropped and created afresh.
def psql = { String sql ->
  def p = new ProcessBuilder('psql', '-h', 'localhost', '-U', 'countersign', '-d', 'postgres',
      '-v', 'ON_ERROR_STOP=1', '-c', sql).redirectErrorStream(true)
  p.environment().put('PGPASSWORD', 'countersign')
  def proc = p.start()
  def out = proc.inputStream.text
  assert proc.waitFor() == 0 : "psql '${sql}' failed (is PostgreSQL running, with role countersign? see .ci/run): ${out}"
}
psql('DROP DATABASE IF EXISTS cs_history_it WITH (FORCE)')
psql('CREATE DATABASE cs_history_it')
new File(basedir, 'history').deleteDir()
return true

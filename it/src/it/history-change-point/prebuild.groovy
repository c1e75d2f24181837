// A database of this run's own on the PostgreSQL server that .ci/run starts (role countersign,
// as in ../settings.xml's server countersign-history). Its name is unique to the run, because
// other builds on the machine may run this IT against the same server at the same time; it is
// written into postgres.properties, which the PostgreSQL invocations read, and dropped by
// verify.groovy.
def name = 'cs_history_it_' + ProcessHandle.current().pid() + '_' + System.currentTimeMillis()
def psql = { String sql ->
  def p = new ProcessBuilder('psql', '-h', 'localhost', '-U', 'countersign', '-d', 'postgres',
      '-v', 'ON_ERROR_STOP=1', '-c', sql).redirectErrorStream(true)
  p.environment().put('PGPASSWORD', 'countersign')
  def proc = p.start()
  def out = proc.inputStream.text
  assert proc.waitFor() == 0 : "psql '${sql}' failed (is PostgreSQL running, with role countersign? see .ci/run): ${out}"
}
psql("CREATE DATABASE ${name}")
new File(basedir, 'postgres.properties').text =
    "countersign.mode = sim\ncountersign.history.url = jdbc:postgresql://localhost:5432/${name}\n"
new File(basedir, 'history').deleteDir()
return true

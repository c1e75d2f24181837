package sample;

import org.junit.jupiter.api.Test;

/** With -Dsample.kill=true, kills its own test JVM with SIGKILL, as the OOM killer or a CI timeout would. */
class KillerTest {

  @Test
  void killsTheTestJvmWhenAsked() throws Exception {
    if (Boolean.getBoolean("sample.kill")) {
      new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid()))
          .inheritIO().start().waitFor();
      Thread.sleep(60_000);
    }
  }
}

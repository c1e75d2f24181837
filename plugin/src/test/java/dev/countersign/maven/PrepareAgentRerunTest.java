package dev.countersign.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * What prepare-agent takes out of the argLine when it runs again in the same project (a forked
 * lifecycle): the options it added the first time, each once, wherever another goal (JaCoCo's,
 * prepending its agent) left them. The IT forked-lifecycle runs it in a real build.
 */
class PrepareAgentRerunTest {

  @Test
  void theOptionsAddedBeforeAreTakenOutOnceEach() {
    String agent = "-javaagent:/r/countersign-agent.jar";
    String added = String.join("\n", agent, PrepareAgentMojo.NATIVE_ACCESS,
        "-Dcountersign.deferBudgets=true");
    String first = agent + " " + PrepareAgentMojo.NATIVE_ACCESS
        + " -Dcountersign.deferBudgets=true -Dcountersign.buildId=b -Xmx512m";
    assertEquals("-Dcountersign.buildId=b -Xmx512m", PrepareAgentMojo.without(first, added));
    // JaCoCo's prepare-agent ran in between and prepended its own
    assertEquals("-javaagent:/r/jacoco.jar=destfile=x -Dcountersign.buildId=b -Xmx512m",
        PrepareAgentMojo.without("-javaagent:/r/jacoco.jar=destfile=x " + first, added));
    // the user's own copy of an option stays
    assertEquals(PrepareAgentMojo.NATIVE_ACCESS + " -Xss1m", PrepareAgentMojo.without(
        PrepareAgentMojo.NATIVE_ACCESS + " " + PrepareAgentMojo.NATIVE_ACCESS + " -Xss1m",
        PrepareAgentMojo.NATIVE_ACCESS));
  }

  @Test
  void aQuotedAgentWithSpacesInItsPathIsOneOption() {
    String agent = "\"-javaagent:/my repo/countersign-agent.jar=includes=a\"";
    assertEquals("-Xmx1g", PrepareAgentMojo.without(agent + " -Xmx1g", agent));
    assertEquals("-Xmx1g", PrepareAgentMojo.without(" -Xmx1g ", ""), "nothing added: unchanged");
  }
}

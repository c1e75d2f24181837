package dev.countersign.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;

/** The argLine shapes of real poms: jsoup's (replaces), equalsverifier's (another property). */
class ArgLineCheckTest {

  private static Xpp3Dom argLine(String value) {
    Xpp3Dom configuration = new Xpp3Dom("configuration");
    Xpp3Dom argLine = new Xpp3Dom("argLine");
    argLine.setValue(value);
    configuration.addChild(argLine);
    return configuration;
  }

  private static Plugin plugin(String artifactId, Xpp3Dom configuration) {
    Plugin p = new Plugin();
    p.setGroupId("org.apache.maven.plugins");
    p.setArtifactId(artifactId);
    p.setConfiguration(configuration);
    return p;
  }

  @Test
  void anArgLineThatKeepsTheProperty() {
    for (String kept : new String[] {"@{argLine} -Xmx1g", "${argLine}", "-ea @{argLine}"}) {
      assertEquals(List.of(), ArgLineCheck.problems(
          List.of(plugin("maven-surefire-plugin", argLine(kept))), "argLine"), kept);
    }
    assertEquals(List.of(), ArgLineCheck.problems(
        List.of(plugin("maven-surefire-plugin", null)), "argLine"));
    assertEquals(List.of(), ArgLineCheck.problems(
        List.of(plugin("maven-jar-plugin", argLine("-Xss640k"))), "argLine"));
  }

  @Test
  void anArgLineThatReplacesItGetsTheRewrittenLine() {
    List<String> problems = ArgLineCheck.problems(
        List.of(plugin("maven-surefire-plugin", argLine("-Xss640k"))), "argLine");
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).startsWith("maven-surefire-plugin's <argLine>-Xss640k</argLine>"
        + " does not contain @{argLine}"), problems.get(0));
    assertTrue(problems.get(0).endsWith("Write it as <argLine>@{argLine} -Xss640k</argLine>."),
        problems.get(0));
  }

  @Test
  void anArgLineOfAnotherPropertyPointsAtPropertyName() {
    Plugin surefire = plugin("maven-surefire-plugin",
        argLine("@{argline.base} ${argline.additional}"));
    List<String> problems = ArgLineCheck.problems(List.of(surefire), "argLine");
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).contains("set the <propertyName> of Countersign's prepare-agent to"
        + " the property it already reads (argline.base)"), problems.get(0));
    assertEquals(List.of(), ArgLineCheck.problems(List.of(surefire), "argline.base"));
  }

  @Test
  void anExecutionThatInheritsThePluginsArgLineIsNotReportedTwice() {
    Plugin surefire = plugin("maven-surefire-plugin", argLine("-Xss640k"));
    PluginExecution inherited = new PluginExecution();
    inherited.setId("default-test");
    inherited.setConfiguration(argLine("-Xss640k"));
    surefire.addExecution(inherited);
    assertEquals(1, ArgLineCheck.problems(List.of(surefire), "argLine").size());
  }

  @Test
  void eachExecutionIsLookedAt() {
    Plugin failsafe = plugin("maven-failsafe-plugin", null);
    PluginExecution it = new PluginExecution();
    it.setId("slow-its");
    it.setConfiguration(argLine("-Xmx2g"));
    failsafe.addExecution(it);
    List<String> problems = ArgLineCheck.problems(List.of(failsafe), "argLine");
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).startsWith("maven-failsafe-plugin (execution slow-its)'s"),
        problems.get(0));
  }
}

package dev.countersign.sim.agent;

import java.lang.instrument.Instrumentation;
import java.nio.file.Path;

/**
 * Entry point of {@code -javaagent:countersign-agent.jar=<options>} ({@link AgentOptions}):
 * installs the simulator's {@link SimTransformer}. Bad options are reported once on standard error
 * and leave the agent inert (the simulator then reports its metrics unavailable with the reason);
 * the JVM always starts.
 */
public final class CountersignAgent {

  private CountersignAgent() {}

  public static void premain(String options, Instrumentation inst) {
    try {
      AgentOptions parsed = AgentOptions.parse(options);
      Path self = InstrumentationFilter.location(CountersignAgent.class.getProtectionDomain());
      inst.addTransformer(new SimTransformer(new InstrumentationFilter(parsed, self), System.err));
    } catch (IllegalArgumentException e) {
      String problem = "invalid -javaagent options '" + options + "': " + e.getMessage();
      SimRuntime.reportProblem(problem);
      System.err.println("[countersign] ERROR: " + problem + ". The simulator is off.");
    } catch (Throwable t) {
      String problem = "the agent could not start: " + t;
      SimRuntime.reportProblem(problem);
      System.err.println("[countersign] ERROR: " + problem + ". The simulator is off.");
    }
  }

  public static void agentmain(String options, Instrumentation inst) {
    premain(options, inst);
  }
}

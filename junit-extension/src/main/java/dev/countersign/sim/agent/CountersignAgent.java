package dev.countersign.sim.agent;

import java.lang.instrument.Instrumentation;

/** Entry point of {@code -javaagent:countersign-junit.jar}. Placeholder until the simulator lands. */
public final class CountersignAgent {

  private CountersignAgent() {}

  public static void premain(String options, Instrumentation inst) {
    // the simulator's instrumentation is installed here
  }

  public static void agentmain(String options, Instrumentation inst) {
    premain(options, inst);
  }
}

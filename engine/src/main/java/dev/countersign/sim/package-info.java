/**
 * The simulator's probe side: reads the thread-local machine model the agent
 * ({@link dev.countersign.sim.agent}, module countersign-agent) keeps, configured with one of the
 * agent's CPU profiles ({@link dev.countersign.sim.agent.CpuProfile}). Source {@code sim}.
 */
package dev.countersign.sim;

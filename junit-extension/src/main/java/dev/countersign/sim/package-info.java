/**
 * The simulator's probe side: reads the thread-local machine model the agent
 * ({@link dev.countersign.sim.agent}) keeps, and the CPU profiles (cache geometry, latencies) that
 * model is configured with. Source {@code sim}.
 */
package dev.countersign.sim;

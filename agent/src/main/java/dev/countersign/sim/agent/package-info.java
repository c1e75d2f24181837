/**
 * The simulator agent ({@code -javaagent}): ASM instrumentation of loaded classes and the runtime
 * it calls into, a per-thread machine model of retired bytecodes, branch prediction, caches, TLB and
 * cycles, the CPU profiles that configure it ({@link dev.countersign.sim.agent.CpuProfile}), plus
 * the guest events (spins, parks, first touches; {@link dev.countersign.sim.agent.GuestActivity})
 * the VM-exit model consumes. Module countersign-agent, which depends on no other Countersign
 * module (its runtime may be put on the bootstrap class path). The only package with static
 * mutable state: the agent's runtime.
 */
package dev.countersign.sim.agent;

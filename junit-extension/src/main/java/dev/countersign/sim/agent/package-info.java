/**
 * The simulator agent ({@code -javaagent}): ASM instrumentation of loaded classes and the runtime
 * it calls into, a per-thread machine model of retired bytecodes, branch prediction, caches, TLB and
 * cycles, plus the guest events (spins, parks, first touches) the VM-exit model consumes. The only
 * package with static mutable state: the agent's runtime.
 */
package dev.countersign.sim.agent;

/**
 * The KVM VM-exit model: host profiles (data) and one {@link dev.countersign.vmexit.ExitRule} per
 * exit reason, turning guest activity from the perf feed (tracepoints) or the simulator feed into
 * exits per reason per operation (source {@code model}). Each rule cites the SDM section or KVM
 * function it follows; see docs/vm-exits.md.
 */
package dev.countersign.vmexit;

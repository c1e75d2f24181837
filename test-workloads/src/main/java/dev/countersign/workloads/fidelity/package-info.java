/**
 * The simulator's fidelity corpus: pairs of implementations of one task whose simulated and
 * measured costs are compared (same sign of the difference, rank correlation).
 */
package dev.countersign.workloads.fidelity;

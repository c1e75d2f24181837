/**
 * Change-point detection over a series of builds: E-divisive means (Matteson and James, 2014) with
 * the changes of Hunter (Fleming et al., 2023) — a deterministic Student t significance test
 * instead of permutations, overlapping windows, and a weak-then-strict two-pass selection — plus a
 * minimum magnitude. Pure arithmetic over {@code double[]}: no store, no JUnit, no I/O. Entry point
 * {@link dev.countersign.changepoint.EDivisive}.
 */
package dev.countersign.changepoint;

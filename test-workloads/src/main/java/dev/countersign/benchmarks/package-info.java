/**
 * JMH benchmarks of Countersign's own pipeline (check, statistics, history) at scale: the figures
 * behind the speed and memory claims in the docs, each with its limit beside it.
 */
package dev.countersign.benchmarks;

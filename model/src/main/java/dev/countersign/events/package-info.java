/**
 * Event names: the catalogue of perf's own event names, tracepoints ({@code subsystem:name},
 * with filters), JVM metrics and VM-exit metrics, parsed into {@link dev.countersign.events.EventSpec}
 * values. The first stage every other package names events through; an unknown name is an
 * {@link dev.countersign.events.UnknownEventException} that lists the valid ones.
 */
package dev.countersign.events;

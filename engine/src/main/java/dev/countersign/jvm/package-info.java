/**
 * JVM metrics measured through the platform MXBeans: bytes allocated by the measured threads, GC
 * count and GC time ({@code alloc-bytes}, {@code gc-count}, {@code gc-time}; source {@code jvm}).
 */
package dev.countersign.jvm;

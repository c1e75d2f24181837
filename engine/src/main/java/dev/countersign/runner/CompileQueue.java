package dev.countersign.runner;

import java.lang.management.ManagementFactory;
import java.util.function.IntSupplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * How many compilations the JIT has in progress or waiting, read from HotSpot's diagnostic command
 * {@code Compiler.queue} (what {@code jcmd <pid> Compiler.queue} prints) through the platform's
 * {@code com.sun.management:type=DiagnosticCommand} MBean: one line per task, each naming its
 * method as {@code Class::method}, under "Current compiles" and the C1 and C2 queues.
 *
 * <p>Why not the accumulated compilation time alone: HotSpot adds a compilation's time when it
 * finishes (CompileBroker::invoke_compiler_on_method), so a C2 compilation of a large inlined tree
 * that runs longer than the quiet window — 100–300 ms on a loaded 2-vCPU VM — looked quiet, and
 * the warm-up ended just before the workload became several times faster.
 */
final class CompileQueue implements IntSupplier {

  private static final String[] NO_ARGUMENTS = {};
  private static final String[] SIGNATURE = {String[].class.getName()};

  private final MBeanServer server;
  private final ObjectName name;

  private CompileQueue(MBeanServer server, ObjectName name) {
    this.server = server;
    this.name = name;
  }

  /** The JIT's queue of this JVM, or a supplier of -1 where the JVM has no such command. */
  static IntSupplier ofThisJvm() {
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      ObjectName name = new ObjectName("com.sun.management:type=DiagnosticCommand");
      CompileQueue queue = new CompileQueue(server, name);
      return queue.getAsInt() >= 0 ? queue : () -> -1;
    } catch (JMException | RuntimeException e) {
      return () -> -1;
    }
  }

  /** Compilations in progress or queued; -1 when the command failed. */
  @Override
  public int getAsInt() {
    try {
      Object text = server.invoke(name, "compilerQueue", new Object[] {NO_ARGUMENTS}, SIGNATURE);
      return text instanceof String s ? tasks(s) : -1;
    } catch (JMException | RuntimeException e) {
      return -1;
    }
  }

  /** The task lines of the command's output: those naming a method ({@code ::}). */
  static int tasks(String queueText) {
    return (int) queueText.lines().filter(l -> l.contains("::")).count();
  }
}

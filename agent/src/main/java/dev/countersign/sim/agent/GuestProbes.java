package dev.countersign.sim.agent;

import java.nio.ByteBuffer;

/**
 * Probes around the JDK calls that are guest events for the VM-exit model: {@code onSpinWait},
 * {@code LockSupport.park*}/{@code unpark}, {@code Thread.sleep}, {@code Object.wait}/{@code
 * notify*}, {@code Thread.start}/{@code join}/{@code interrupt}, direct buffers. Each runs before
 * or after the original call, which stays in the user's code, and records the event on the
 * calling thread's machine. Public only because instrumented classes in any package call it; not
 * an API.
 */
public final class GuestProbes {

  /** Threads inside an instrumented park or holding an unpark permit. */
  static final ParkPermits PERMITS = new ParkPermits();
  /** Threads inside an instrumented {@code Object.wait}, per monitor. */
  private static final WaitSets WAITS = new WaitSets();

  private GuestProbes() {}

  /** Before {@code Thread.onSpinWait()}: one PAUSE. */
  public static void spinWaiting() {
    Machine m = SimRuntime.current();
    if (m != null) {
      m.quiet++;
      try {
        m.pause();
      } finally {
        m.quiet--;
      }
    }
  }

  private static void parking(long nanos) {
    if (SimRuntime.attached == 0) {
      return; // nothing counts: nobody to tell whether an unpark wakes this thread
    }
    Machine m = SimRuntime.current();
    if (m != null) {
      m.quiet++;
    }
    try {
      if (!PERMITS.take(Thread.currentThread()) && m != null) {
        m.blocks(nanos);
      }
    } finally {
      if (m != null) {
        m.quiet--;
      }
    }
  }

  /** Before {@code LockSupport.park()} and {@code park(Object)}. */
  public static void parking() {
    parking(0);
  }

  /** Before {@code LockSupport.parkNanos}: a timed park (none at all when not positive). */
  public static void parkingNanos(long nanos) {
    if (nanos > 0) {
      parking(nanos);
    }
  }

  /** Before {@code LockSupport.parkUntil}. */
  public static void parkingUntil(long deadlineMillis) {
    if (SimRuntime.attached != 0) {
      parking(Math.max(1, (deadlineMillis - System.currentTimeMillis()) * 1_000_000L));
    }
  }

  /** After any {@code LockSupport.park*} returned. */
  public static void parked() {
    if (SimRuntime.attached != 0) {
      PERMITS.remove(Thread.currentThread());
    }
  }

  /**
   * Before {@code LockSupport.unpark(Thread)}: waking a parked thread is a wake-up IPI; else the
   * permit is stored and the target's next park does not block.
   */
  public static void unparking(Thread t) {
    if (t == null || SimRuntime.attached == 0) {
      return;
    }
    Machine m = SimRuntime.current();
    if (m != null) {
      m.quiet++;
    }
    try {
      boolean wakes = PERMITS.unpark(t)
          || t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING;
      if (m != null && wakes) {
        m.ipi();
      }
    } finally {
      if (m != null) {
        m.quiet--;
      }
    }
  }

  /** Before {@code Thread.sleep(long)}. */
  public static void sleeping(long millis) {
    Machine m = SimRuntime.current();
    if (m != null && millis > 0) {
      m.blocks(millis * 1_000_000L);
    }
  }

  /** Before {@code Thread.sleep(long, int)}. */
  public static void sleeping(long millis, int nanos) {
    Machine m = SimRuntime.current();
    if (m != null && millis >= 0 && nanos >= 0 && nanos <= 999_999 && (millis > 0 || nanos > 0)) {
      m.blocks(millis * 1_000_000L + nanos);
    }
  }

  private static void enterWait(Object o, long timedNanos) {
    if (SimRuntime.attached == 0) {
      return;
    }
    Machine m = SimRuntime.current();
    if (m != null) {
      m.quiet++;
    }
    try {
      if (WAITS.enter(o) && m != null) {
        m.blocks(timedNanos);
      }
    } finally {
      if (m != null) {
        m.quiet--;
      }
    }
  }

  /** Before {@code Object.wait()}. */
  public static void waiting(Object o) {
    enterWait(o, 0);
  }

  /** Before {@code Object.wait(long)}. */
  public static void waiting(Object o, long millis) {
    if (millis >= 0) {
      enterWait(o, millis * 1_000_000L);
    }
  }

  /** Before {@code Object.wait(long, int)}. */
  public static void waiting(Object o, long millis, int nanos) {
    if (millis >= 0 && nanos >= 0 && nanos <= 999_999) {
      enterWait(o, millis * 1_000_000L + nanos);
    }
  }

  /** After {@code Object.wait*} returned (notified, timed out or woken spuriously). */
  public static void waited(Object o) {
    if (SimRuntime.attached != 0) {
      WAITS.leave(o);
    }
  }

  private static void notifyWaiters(Object o, boolean all) {
    if (SimRuntime.attached == 0) {
      return;
    }
    Machine m = SimRuntime.current();
    if (m != null) {
      m.quiet++;
    }
    try {
      int woken = WAITS.notify(o, all);
      if (m != null) {
        for (int i = 0; i < woken; i++) {
          m.ipi();
        }
      }
    } finally {
      if (m != null) {
        m.quiet--;
      }
    }
  }

  /** Before {@code Object.notify()}: an IPI when it takes a blocked waiter out of the wait set. */
  public static void notifying(Object o) {
    notifyWaiters(o, false);
  }

  /** Before {@code Object.notifyAll()}: an IPI per blocked waiter it takes out of the wait set. */
  public static void notifyingAll(Object o) {
    notifyWaiters(o, true);
  }

  /**
   * Before {@code Thread.start()}: the new thread wakes another CPU (an IPI), and it counts on a
   * machine of its own from its first instruction.
   */
  public static void starting(Thread t) {
    Machine m = SimRuntime.current();
    if (m != null && t != null) {
      m.quiet++;
      try {
        if (t.getState() == Thread.State.NEW) {
          m.threadStarted(t);
        }
      } finally {
        m.quiet--;
      }
    }
  }

  /**
   * A {@code t.join} with timeout {@code timedNanos} (0: none): when {@code t} is alive the caller
   * blocks inside {@code Thread}'s own wait, which is not instrumented: an idle entry, and a timer
   * arm when timed. Returns whether it blocks, for {@link #joined}.
   */
  private static boolean join(Thread t, long timedNanos) {
    Machine m = SimRuntime.current();
    if (m == null || t == null || t == Thread.currentThread() || !t.isAlive()) {
      return false;
    }
    m.blocks(timedNanos);
    return true;
  }

  /** Before {@code t.join()}. */
  public static boolean joining(Thread t) {
    return join(t, 0);
  }

  /** Before {@code t.join(millis)}: a negative timeout throws, 0 waits for ever. */
  public static boolean joining(Thread t, long millis) {
    return millis >= 0
        && join(t, millis > Long.MAX_VALUE / 1_000_000L ? Long.MAX_VALUE : millis * 1_000_000L);
  }

  /** Before {@code t.join(millis, nanos)}, which rounds nanos up to a millisecond. */
  public static boolean joining(Thread t, long millis, int nanos) {
    if (millis < 0 || nanos < 0 || nanos > 999_999) {
      return false;
    }
    return joining(t, millis + (nanos > 0 && millis < Long.MAX_VALUE ? 1 : 0));
  }

  /** Before {@code t.join(Duration)} (JDK 19+): no wait at all when not positive. */
  public static boolean joining(Thread t, java.time.Duration d) {
    Machine m = SimRuntime.current();
    if (m == null || d == null) {
      return false;
    }
    long nanos;
    m.quiet++;
    try {
      nanos = d.isNegative() || d.isZero() ? 0 : d.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L
          ? Long.MAX_VALUE : d.toNanos();
    } finally {
      m.quiet--;
    }
    return nanos > 0 && join(t, nanos);
  }

  /**
   * After {@code t.join(...)} returned: if the caller blocked and {@code t} has ended, the VM's
   * notifyAll at {@code t}'s exit ({@code ensure_join} in {@code javaThread.cpp}) woke it: an IPI.
   * A timed join that returned with {@code t} alive timed out: no IPI.
   */
  public static void joined(Thread t, boolean blocked) {
    if (blocked && !t.isAlive()) {
      Machine m = SimRuntime.current();
      if (m != null) {
        m.ipi();
      }
    }
  }

  /**
   * Before {@code t.interrupt()}: waking a thread blocked in a wait, sleep, join or park (state
   * {@code WAITING} or {@code TIMED_WAITING}) is an IPI; a running or monitor-blocked thread is
   * only flagged.
   */
  public static void interrupting(Thread t) {
    Machine m = SimRuntime.current();
    if (m == null || t == null || t == Thread.currentThread()) {
      return;
    }
    m.quiet++;
    try {
      Thread.State s = t.getState();
      if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING) {
        m.ipi();
      }
    } finally {
      m.quiet--;
    }
  }

  /** After {@code ByteBuffer.allocateDirect(int)}: the JDK zeroes (touches) every page. */
  public static void allocatedDirect(ByteBuffer b) {
    Machine m = SimRuntime.current();
    if (m != null) {
      m.quiet++;
      try {
        m.directAllocated(b.capacity());
      } finally {
        m.quiet--;
      }
    }
  }

  /** After {@code sun.misc.Unsafe.invokeCleaner(ByteBuffer)} freed (unmapped) the buffer. */
  public static void cleaned(ByteBuffer b) {
    Machine m = SimRuntime.current();
    if (m != null) {
      m.quiet++;
      try {
        if (b.isDirect()) {
          m.directReleased(b.capacity());
        }
      } finally {
        m.quiet--;
      }
    }
  }
}

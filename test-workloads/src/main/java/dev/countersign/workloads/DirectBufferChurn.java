package dev.countersign.workloads;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Direct-buffer churn: writes one byte per page of a 33 MiB direct buffer per operation while a
 * second thread of the process computes on another CPU. A buffer this large is always mapped
 * fresh by malloc (above glibc's largest adaptive {@code M_MMAP_THRESHOLD}, 32 MiB), so freeing it
 * is an {@code munmap}; unmapping memory of a process running on other CPUs sends them
 * TLB-shootdown IPIs ({@code flush_tlb_mm_range}). The normal workload allocates one buffer and
 * reuses it; the regressed twin allocates and frees a fresh buffer per operation.
 */
public final class DirectBufferChurn implements AutoCloseable {

  /** Bytes per buffer. */
  public static final int SIZE = 33 << 20;

  private final boolean regressed;
  private final ByteBuffer reused;

  public DirectBufferChurn(boolean regressed) {
    this.regressed = regressed;
    this.reused = regressed ? null : ByteBuffer.allocateDirect(SIZE);
  }

  /**
   * Fills a buffer {@code ops} times with a busy partner thread; returns how many buffers read back
   * what was written on every page.
   */
  public int run(int ops) throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    long[] partnerWork = new long[1];
    Thread partner = new Thread(() -> {
      long x = 1;
      while (!stop.get()) {
        x = x * 6364136223846793005L + 1442695040888963407L;
      }
      partnerWork[0] = x;
    }, "churn-partner");
    partner.start();
    int verified = 0;
    try {
      for (int op = 0; op < ops; op++) {
        ByteBuffer b = regressed ? ByteBuffer.allocateDirect(SIZE) : reused;
        try {
          for (int p = 0; p < SIZE; p += PageToucher.PAGE) {
            b.put(p, (byte) (op + p / PageToucher.PAGE));
          }
          boolean intact = true;
          for (int p = 0; p < SIZE; p += PageToucher.PAGE) {
            intact &= b.get(p) == (byte) (op + p / PageToucher.PAGE);
          }
          verified += intact ? 1 : 0;
        } finally {
          if (regressed) {
            Buffers.free(b);
          }
        }
      }
    } finally {
      stop.set(true);
      partner.join();
    }
    // partnerWork keeps the partner's loop alive for the JIT; it is never exactly 42
    return partnerWork[0] == 42 ? -1 : verified;
  }

  @Override
  public void close() {
    if (reused != null) {
      Buffers.free(reused);
    }
  }
}

package dev.countersign.workloads;

import java.nio.ByteBuffer;

/**
 * Page-touching workload: maps a fresh native region, writes one byte per 4 KiB page — one
 * first-touch page fault each — and releases it at once. The regressed twin touches every page of a
 * region twice as large.
 *
 * <p>The region is a direct buffer of at least {@link #MIN_PAGES} pages: glibc's malloc raises its
 * mmap threshold dynamically after a free, up to 32 MiB on 64-bit ({@code
 * DEFAULT_MMAP_THRESHOLD_MAX}), and a smaller buffer would come from already-mapped heap on the
 * second invocation and fault no more. Above that size every allocation is a fresh {@code mmap}.
 */
public final class PageToucher {

  /** Page size assumed, bytes. */
  public static final int PAGE = 4096;

  /** Fewest pages per region: 33 MiB, above glibc's largest dynamic mmap threshold. */
  public static final int MIN_PAGES = 33 * 256;

  private final boolean regressed;

  public PageToucher(boolean regressed) {
    this.regressed = regressed;
  }

  /**
   * Touches {@code pages} fresh pages (twice as many when regressed); returns a checksum.
   *
   * @param pages pages to touch; under real counters use at least {@link #MIN_PAGES}, or
   *     invocations after the first may reuse mapped memory and fault less
   */
  public long touch(int pages) {
    int n = regressed ? pages * 2 : pages;
    ByteBuffer region = ByteBuffer.allocateDirect(n * PAGE);
    long sum = 0;
    try {
      for (int p = 0; p < n; p++) {
        region.put(p * PAGE, (byte) p);
        sum += region.get(p * PAGE) & 0xff;
      }
    } finally {
      Buffers.free(region);
    }
    return sum;
  }
}

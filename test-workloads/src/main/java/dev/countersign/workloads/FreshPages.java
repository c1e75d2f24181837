package dev.countersign.workloads;

import java.nio.ByteBuffer;

/**
 * First-touch workload: allocates a fresh 33 MiB direct buffer per invocation, writes one byte per
 * 4 KiB page and frees it. A buffer this large is always mapped fresh by malloc (above glibc's
 * largest adaptive {@code M_MMAP_THRESHOLD}, 32 MiB) and unmapped on release, so each of its pages
 * is touched for the first time: one guest page fault, and on a host without huge pages one EPT
 * violation. (Smaller buffers are recycled by malloc after the first free and fault only once.)
 * The regressed twin allocates twice as much.
 */
public final class FreshPages {

  /** 4 KiB pages per invocation of the normal workload. */
  public static final int PAGES = (33 << 20) / PageToucher.PAGE;

  private final boolean regressed;

  public FreshPages(boolean regressed) {
    this.regressed = regressed;
  }

  /**
   * Touches {@link #PAGES} fresh pages (twice as many when regressed); returns how many pages read
   * back what was written.
   */
  public int touch() {
    int pages = regressed ? 2 * PAGES : PAGES;
    ByteBuffer region = ByteBuffer.allocateDirect(pages * PageToucher.PAGE);
    int verified = 0;
    try {
      for (int p = 0; p < pages; p++) {
        region.put(p * PageToucher.PAGE, (byte) p);
      }
      for (int p = 0; p < pages; p++) {
        verified += region.get(p * PageToucher.PAGE) == (byte) p ? 1 : 0;
      }
    } finally {
      Buffers.free(region);
    }
    return verified;
  }
}

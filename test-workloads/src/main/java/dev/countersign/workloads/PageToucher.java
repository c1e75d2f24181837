package dev.countersign.workloads;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;

/**
 * Page-touching workload: maps a fresh native region (a direct buffer large enough that malloc
 * takes it from mmap), writes one byte per 4 KiB page — one first-touch page fault each — and
 * releases it at once. The regressed twin touches every page of a region twice as large.
 */
public final class PageToucher {

  /** Page size assumed, bytes. */
  public static final int PAGE = 4096;

  private static final sun.misc.Unsafe UNSAFE = unsafe();

  private final boolean regressed;

  public PageToucher(boolean regressed) {
    this.regressed = regressed;
  }

  /** Touches {@code pages} fresh pages (twice as many when regressed); returns a checksum. */
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
      UNSAFE.invokeCleaner(region);
    }
    return sum;
  }

  private static sun.misc.Unsafe unsafe() {
    try {
      Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
      f.setAccessible(true);
      return (sun.misc.Unsafe) f.get(null);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}

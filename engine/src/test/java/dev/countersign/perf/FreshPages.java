package dev.countersign.perf;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Test workload: a fresh anonymous private mapping from {@code mmap(2)}, one byte written per 4 KiB
 * page (one first-touch fault each), then unmapped. Not a Java direct buffer: glibc's malloc raises
 * its mmap threshold after a free (up to 32 MiB), so a later buffer may come from an arena whose
 * pages are already mapped and fault nothing.
 */
final class FreshPages {

  static final int PAGE = 4096;

  interface Libc extends Library {
    Libc INSTANCE = Native.load("c", Libc.class);

    Pointer mmap(Pointer addr, long length, int prot, int flags, int fd, long offset);

    int munmap(Pointer addr, long length);
  }

  private static final int PROT_READ_WRITE = 0x1 | 0x2;
  private static final int MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20;

  private FreshPages() {}

  /** Maps, touches and unmaps {@code pages} pages; returns a checksum. */
  static long touch(int pages) {
    long length = (long) pages * PAGE;
    Pointer p = Libc.INSTANCE.mmap(null, length, PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0);
    if (Pointer.nativeValue(p) == -1L) {
      throw new IllegalStateException("mmap of " + length + " bytes failed");
    }
    long sum = 0;
    try {
      for (int i = 0; i < pages; i++) {
        p.setByte((long) i * PAGE, (byte) 1);
        sum += p.getByte((long) i * PAGE);
      }
    } finally {
      Libc.INSTANCE.munmap(p, length);
    }
    return sum;
  }
}

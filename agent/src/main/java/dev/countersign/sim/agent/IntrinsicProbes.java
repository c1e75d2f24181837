package dev.countersign.sim.agent;

/**
 * Probes of the calls the JIT replaces by intrinsics, and of natives: each costs a per-byte model
 * at its call site (docs/simulator.md, "Intrinsics"), so that no count depends on the JIT's
 * state. Public only because instrumented classes in any package call it; not an API.
 *
 * <p>Longer than 300 lines on purpose: one entry point per modelled call shape, a few lines each,
 * whose names and descriptors {@link IntrinsicModels} and the instrumenter put into bytecode.
 */
public final class IntrinsicProbes {

  private IntrinsicProbes() {}

  /** Before {@code System.arraycopy}: counted only when the copy will succeed (bounds, types). */
  public static void arraycopying(Object src, int srcPos, Object dst, int dstPos, int length) {
    Machine m = SimRuntime.current();
    if (m == null || src == null || dst == null) {
      return;
    }
    m.quiet++;
    try {
      Class<?> s = src.getClass();
      Class<?> d = dst.getClass();
      if (s.isArray() && d.isArray()
          && (s == d || !s.getComponentType().isPrimitive() && !d.getComponentType().isPrimitive())
          && length >= 0 && srcPos >= 0 && dstPos >= 0
          && srcPos <= java.lang.reflect.Array.getLength(src) - length
          && dstPos <= java.lang.reflect.Array.getLength(dst) - length) {
        int shift = ObjectShapes.elementShift(s);
        m.bulkCopy(src, ObjectShapes.ARRAY_HEADER + ((long) srcPos << shift), dst,
            ObjectShapes.ARRAY_HEADER + ((long) dstPos << shift), (long) length << shift);
      }
    } finally {
      m.quiet--;
    }
  }

  /** Before {@code clone()} of an array, or {@code Object.clone()} reached by super.clone(). */
  public static void cloning(Object o) {
    Machine m = SimRuntime.current();
    if (m == null || o == null) {
      return;
    }
    m.quiet++;
    try {
      boolean array = o.getClass().isArray();
      if (array || o instanceof Cloneable) {
        long bytes = array
            ? (long) java.lang.reflect.Array.getLength(o) << ObjectShapes.elementShift(o.getClass())
            : ObjectShapes.instanceSize(o.getClass()) - ObjectShapes.HEADER;
        // the copy's stores are the allocation's zeroing stores (cloned): only the reads here
        m.bulkCopy(o, array ? ObjectShapes.ARRAY_HEADER : ObjectShapes.HEADER, null, 0, bytes);
      }
    } finally {
      m.quiet--;
    }
  }

  /** After a clone returned its copy: an allocation of the original's size. */
  public static void cloned(Object copy) {
    Machine m = SimRuntime.current();
    if (m != null && copy != null) {
      m.quiet++;
      try {
        m.allocated(copy, m.sizeOf(copy));
      } finally {
        m.quiet--;
      }
    }
  }

  private static void fill(Object a, int from, int to) {
    Machine m = SimRuntime.current();
    if (m == null || a == null) {
      return;
    }
    m.quiet++;
    try {
      if (from >= 0 && from <= to && to <= java.lang.reflect.Array.getLength(a)) {
        int shift = ObjectShapes.elementShift(a.getClass());
        m.bulkFill(a, ObjectShapes.ARRAY_HEADER + ((long) from << shift),
            (long) (to - from) << shift);
      }
    } finally {
      m.quiet--;
    }
  }

  /** Before {@code Arrays.fill(a, v)} of any element type. */
  public static void filling(Object a, int v) {
    fill(a, 0, a == null ? 0 : java.lang.reflect.Array.getLength(a));
  }

  /** Before {@code Arrays.fill(a, v)}. */
  public static void filling(Object a, long v) {
    filling(a, 0);
  }

  /** Before {@code Arrays.fill(a, v)}. */
  public static void filling(Object a, float v) {
    filling(a, 0);
  }

  /** Before {@code Arrays.fill(a, v)}. */
  public static void filling(Object a, double v) {
    filling(a, 0);
  }

  /** Before {@code Arrays.fill(a, v)} of a reference array. */
  public static void filling(Object a, Object v) {
    filling(a, 0);
  }

  /** Before {@code Arrays.fill(a, from, to, v)}. */
  public static void filling(Object a, int from, int to, int v) {
    fill(a, from, to);
  }

  /** Before {@code Arrays.fill(a, from, to, v)}. */
  public static void filling(Object a, int from, int to, long v) {
    fill(a, from, to);
  }

  /** Before {@code Arrays.fill(a, from, to, v)}. */
  public static void filling(Object a, int from, int to, float v) {
    fill(a, from, to);
  }

  /** Before {@code Arrays.fill(a, from, to, v)}. */
  public static void filling(Object a, int from, int to, double v) {
    fill(a, from, to);
  }

  /** Before {@code Arrays.fill(a, from, to, v)} of a reference array. */
  public static void filling(Object a, int from, int to, Object v) {
    fill(a, from, to);
  }

  /**
   * Before {@code Arrays.equals(a, b)} of two primitive arrays of one type: the vectorised
   * comparison reads both up to the first mismatch (equal lengths only; else no element is read).
   */
  public static void comparing(Object a, Object b) {
    Machine m = SimRuntime.current();
    if (m == null) {
      return;
    }
    m.quiet++;
    try {
      long bytes = 0;
      if (a != null && b != null && a != b) {
        int length = java.lang.reflect.Array.getLength(a);
        if (length == java.lang.reflect.Array.getLength(b)) {
          int mismatch = mismatch(a, b);
          bytes = (long) (mismatch < 0 ? length : mismatch + 1)
              << ObjectShapes.elementShift(a.getClass());
        }
      }
      m.bulkCompare(a, b, bytes);
    } finally {
      m.quiet--;
    }
  }

  private static int mismatch(Object a, Object b) {
    if (a instanceof byte[] x) {
      return java.util.Arrays.mismatch(x, (byte[]) b);
    } else if (a instanceof int[] x) {
      return java.util.Arrays.mismatch(x, (int[]) b);
    } else if (a instanceof long[] x) {
      return java.util.Arrays.mismatch(x, (long[]) b);
    } else if (a instanceof char[] x) {
      return java.util.Arrays.mismatch(x, (char[]) b);
    } else if (a instanceof short[] x) {
      return java.util.Arrays.mismatch(x, (short[]) b);
    } else if (a instanceof boolean[] x) {
      return java.util.Arrays.mismatch(x, (boolean[]) b);
    } else if (a instanceof float[] x) {
      return java.util.Arrays.mismatch(x, (float[]) b);
    } else if (a instanceof double[] x) {
      return java.util.Arrays.mismatch(x, (double[]) b);
    }
    return -1;
  }

  /** Before {@code StringLatin1.equals(a, b)}: as {@link #comparing(Object, Object)}. */
  public static void comparing(byte[] a, byte[] b) {
    comparing((Object) a, (Object) b);
  }

  /** A bulk operation of the intrinsics below, see {@link Machine#bulk}. */
  private static void bulk(Object src, long srcOffset, long srcBytes, Object dst, long dstOffset,
      long dstBytes, boolean dstLoads, int perStep) {
    Machine m = SimRuntime.current();
    if (m == null) {
      return;
    }
    m.quiet++;
    try {
      m.bulk(src, srcOffset, Math.max(0, srcBytes), dst, dstOffset, Math.max(0, dstBytes),
          dstLoads, perStep);
    } finally {
      m.quiet--;
    }
  }

  private static long at(long index) {
    return ObjectShapes.ARRAY_HEADER + index;
  }

  /** Before the native {@code CRC32.updateBytes0} / {@code Adler32.updateBytes}. */
  public static void checksumBytes(int crc, byte[] b, int off, int len) {
    if (b != null && len > 0 && off >= 0 && off <= b.length - len) {
      bulk(b, at(off), len, null, 0, 0, false, Machine.CHECKSUM_STEP);
    }
  }

  /** Before {@code CRC32C.updateBytes(crc, b, off, end)}. */
  public static void checksumRange(int crc, byte[] b, int off, int end) {
    checksumBytes(crc, b, off, end - off);
  }

  /** Before the native checksum of a direct buffer's {@code len} bytes (no loads modelled). */
  public static void checksumOffHeap(int crc, long address, int off, int len) {
    if (len > 0) {
      bulk(null, 0, len, null, 0, 0, false, Machine.CHECKSUM_STEP);
    }
  }

  /** Before {@code CRC32C.updateDirectByteBuffer(crc, address, off, end)}. */
  public static void checksumOffHeapRange(int crc, long address, int off, int end) {
    checksumOffHeap(crc, address, off, end - off);
  }

  /** Before the native one-byte {@code CRC32.update(crc, b)} / {@code Adler32.update}. */
  public static void checksumByte(int crc, int b) {
    bulk(null, 0, 1, null, 0, 0, false, Machine.CHECKSUM_STEP);
  }

  /**
   * Before the native {@code Throwable.fillInStackTrace(int)}: the VM's walk of this thread's
   * stack ({@link StackWalkCost}).
   */
  public static void stackWalking(Object throwable, int dummy) {
    Machine m = SimRuntime.current();
    if (m == null) {
      return;
    }
    m.quiet++;
    try {
      StackWalkCost.walked(m, StackWalkCost.depth());
    } finally {
      m.quiet--;
    }
  }

  /** Before a digest's {@code implCompress0(b, ofs)}: one block. */
  public static void digestBlock(Object digest, byte[] b, int ofs) {
    digested(digest, b, ofs, 1);
  }

  /** Before {@code DigestBase.implCompressMultiBlock0(b, ofs, limit)}: the blocks up to limit. */
  public static void digestBlocks(Object digest, byte[] b, int ofs, int limit) {
    if (ofs <= limit) {
      digested(digest, b, ofs, -limit - 1);
    }
  }

  /** {@code blocks} blocks from {@code ofs}, or (negative) up to the limit {@code -blocks - 1}. */
  private static void digested(Object digest, byte[] b, int ofs, long blocks) {
    Machine m = SimRuntime.current();
    if (m == null || digest == null || b == null) {
      return;
    }
    m.quiet++;
    try {
      DigestCost c = DigestCost.of(digest.getClass());
      long n = blocks > 0 ? blocks : (-blocks - 1 - ofs) / c.blockBytes() + 1;
      m.bulk(b, at(ofs), n * c.blockBytes(), null, 0, 0, false, c.perStep());
    } finally {
      m.quiet--;
    }
  }

  /** Before {@code Base64.Encoder.encodeBlock}: 3 bytes in, 4 out. */
  public static void base64Encoding(Object encoder, byte[] src, int sp, int sl, byte[] dst,
      int dp, boolean url) {
    long in = sl - sp;
    bulk(src, at(sp), in, dst, at(dp), in / 3 * 4, false, Machine.BASE64_STEP);
  }

  /** After {@code Base64.Decoder.decodeBlock} returned {@code produced} bytes (4 in, 3 out). */
  public static void base64Decoded(int produced, Object decoder, byte[] src, int sp, int sl,
      byte[] dst, int dp, boolean url) {
    bulk(src, at(sp), (long) produced / 3 * 4, dst, at(dp), produced, false, Machine.BASE64_STEP);
  }

  /** After {@code Base64.Decoder.decodeBlock} (JDK 17+: with isMIME). */
  public static void base64Decoded(int produced, Object decoder, byte[] src, int sp, int sl,
      byte[] dst, int dp, boolean url, boolean mime) {
    base64Decoded(produced, decoder, src, sp, sl, dst, dp, url);
  }

  /** Before a string {@code compareTo} intrinsic: both read up to the first difference. */
  public static void comparingPrefix(byte[] a, byte[] b) {
    if (a != null && b != null) {
      int n = Math.min(a.length, b.length);
      int i = 0;
      while (i < n && a[i] == b[i]) { // not Arrays.mismatch: JDK code, counted here
        i++;
      }
      long bytes = i < n ? i + 1 : n;
      bulk(a, at(0), bytes, b, at(0), bytes, true, Machine.COMPARE_STEP);
    }
  }

  /** After {@code StringLatin1.indexOfChar(value, ch, from, max)} returned {@code found}. */
  public static void scannedLatin1(int found, byte[] value, int ch, int from, int max) {
    long chars = (found >= 0 ? found + 1 : max) - (long) from;
    bulk(value, at(from), chars, null, 0, 0, false, Machine.COMPARE_STEP);
  }

  /** After {@code StringUTF16.indexOfChar(value, ch, from, max)} returned {@code found}. */
  public static void scannedUtf16(int found, byte[] value, int ch, int from, int max) {
    long chars = (found >= 0 ? found + 1 : max) - (long) from;
    bulk(value, at(2L * from), 2 * chars, null, 0, 0, false, Machine.COMPARE_STEP);
  }

  /** After {@code StringLatin1.indexOf(src, srcCount, tgt, tgtCount, from)}: the text scanned. */
  public static void searchedLatin1(int found, byte[] src, int srcCount, byte[] tgt,
      int tgtCount, int from) {
    long chars = (found >= 0 ? found + tgtCount : srcCount) - (long) from;
    bulk(src, at(from), chars, tgt, at(0), tgtCount, true, Machine.SEARCH_STEP);
  }

  /** After {@code StringUTF16.indexOf}/{@code indexOfLatin1} with the same arguments. */
  public static void searchedUtf16(int found, byte[] src, int srcCount, byte[] tgt,
      int tgtCount, int from) {
    long chars = (found >= 0 ? found + tgtCount : srcCount) - (long) from;
    bulk(src, at(2L * from), 2 * chars, tgt, at(0), tgtCount, true, Machine.SEARCH_STEP);
  }

  /** Before {@code StringCoding.hasNegatives}/{@code countPositives(b, off, len)}. */
  public static void scannedRange(byte[] b, int off, int len) {
    bulk(b, at(off), len, null, 0, 0, false, Machine.COMPARE_STEP);
  }

  /** Before {@code StringLatin1.inflate(src, srcOff, char[] dst, dstOff, len)}. */
  public static void inflating(byte[] src, int srcOff, char[] dst, int dstOff, int len) {
    bulk(src, at(srcOff), len, dst, at(2L * dstOff), 2L * len, false, Machine.COPY_STEP);
  }

  /** Before {@code StringLatin1.inflate(src, srcOff, byte[] dst, dstOff, len)} (UTF-16 bytes). */
  public static void inflating(byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
    bulk(src, at(srcOff), len, dst, at(2L * dstOff), 2L * len, false, Machine.COPY_STEP);
  }

  /** Before {@code StringUTF16.compress(char[] src, srcOff, dst, dstOff, len)}. */
  public static void compressing(char[] src, int srcOff, byte[] dst, int dstOff, int len) {
    bulk(src, at(2L * srcOff), 2L * len, dst, at(dstOff), len, false, Machine.COPY_STEP);
  }

  /** Before {@code StringUTF16.compress(byte[] src, srcOff, dst, dstOff, len)}. */
  public static void compressing(byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
    bulk(src, at(2L * srcOff), 2L * len, dst, at(dstOff), len, false, Machine.COPY_STEP);
  }

  /**
   * After {@code ArraysSupport.vectorizedMismatch(a, aOffset, b, bOffset, length, log2Scale)}
   * returned a mismatch index or the complement of the elements left: both read that far.
   */
  public static void mismatched(int result, Object a, long aOffset, Object b, long bOffset,
      int length, int log2Scale) {
    long elements = result >= 0 ? result + 1L : length - (long) ~result;
    long bytes = elements << log2Scale;
    bulk(a, aOffset, bytes, b, bOffset, bytes, true, Machine.COMPARE_STEP);
  }

  /** Before {@code ArraysSupport.vectorizedHashCode(array, from, length, initial, basicType)}. */
  public static void hashedRange(Object array, int from, int length, int initial, int basicType) {
    int shift = switch (basicType) {
      case 5, 9 -> 1; // T_CHAR, T_SHORT
      case 10 -> 2; // T_INT
      default -> 0; // T_BOOLEAN, T_BYTE
    };
    bulk(array, at((long) from << shift), (long) length << shift, null, 0, 0, false,
        Machine.HASH_STEP);
  }

  /** After {@code Arrays.copyOf(original, newLength, newType)} returned {@code copy}. */
  public static void copiedOf(Object copy, Object original, int newLength, Object newType) {
    copied(copy, original, 0, newLength);
  }

  /** After {@code Arrays.copyOfRange(original, from, to, newType)} returned {@code copy}. */
  public static void copiedOfRange(Object copy, Object original, int from, int to,
      Object newType) {
    copied(copy, original, from, to - from);
  }

  /** A new array {@code copy} with up to {@code length} elements of {@code original} from {@code from}. */
  private static void copied(Object copy, Object original, int from, int length) {
    Machine m = SimRuntime.current();
    if (m == null || !(copy instanceof Object[]) || !(original instanceof Object[] o)) {
      return;
    }
    m.quiet++;
    try {
      m.allocated(copy, m.sizeOf(copy));
      long bytes = (long) Math.max(0, Math.min(length, o.length - from)) << 2;
      m.bulk(original, at((long) from << 2), bytes, null, 0, 0, false, Machine.COPY_STEP);
    } finally {
      m.quiet--;
    }
  }

  /** After {@code StringUTF16.toBytes(value, off, len)} returned the new byte array. */
  public static void utf16Bytes(byte[] bytes, char[] value, int off, int len) {
    Machine m = SimRuntime.current();
    if (m == null || bytes == null) {
      return;
    }
    m.quiet++;
    try {
      m.allocated(bytes, m.sizeOf(bytes));
      m.bulk(value, at(2L * off), 2L * len, null, 0, 0, false, Machine.COPY_STEP);
    } finally {
      m.quiet--;
    }
  }

  /** Before {@code StringUTF16.getChars(value, srcBegin, srcEnd, dst, dstBegin)}. */
  public static void utf16Chars(byte[] value, int srcBegin, int srcEnd, char[] dst,
      int dstBegin) {
    long bytes = 2L * (srcEnd - srcBegin);
    bulk(value, at(2L * srcBegin), bytes, dst, at(2L * dstBegin), bytes, false, Machine.COPY_STEP);
  }

  /**
   * Before the sorting intrinsic {@code DualPivotQuicksort.sort(type, array, offset, low, high,
   * op)} (JDK 22+): per 32-byte step of the range, a load, a store and 4 instructions per level
   * of the sorting network (log2 of the elements).
   */
  public static void sorting(Object type, Object array, long offset, int low, int high,
      Object op) {
    long n = high - low;
    if (n > 1) {
      int shift = type == long.class || type == double.class ? 3 : 2;
      int levels = 64 - Long.numberOfLeadingZeros(n - 1);
      long bytes = n << shift;
      long start = offset + ((long) low << shift);
      bulk(array, start, bytes, array, start, bytes, false, 4 * levels);
    }
  }

  /** Before the partitioning intrinsic {@code DualPivotQuicksort.partition} (JDK 22+). */
  public static void partitioning(Object type, Object array, long offset, int low, int high,
      int pivot1, int pivot2, Object op) {
    long n = high - low;
    if (n > 0) {
      int shift = type == long.class || type == double.class ? 3 : 2;
      long bytes = n << shift;
      long start = offset + ((long) low << shift);
      bulk(array, start, bytes, array, start, bytes, false, Machine.SEARCH_STEP);
    }
  }

  /** After {@code ThreadLocalMap.getEntry(key)} ({@link ThreadLocalCost}). */
  public static void threadLocalEntry(Object entry, Object map, Object key) {
    Machine m = SimRuntime.current();
    if (m == null || map == null || key == null) {
      return;
    }
    m.quiet++;
    try {
      ThreadLocalCost.found(m, entry, map, key);
    } finally {
      m.quiet--;
    }
  }

  /** Before {@code ThreadLocalMap.set(key, value)} ({@link ThreadLocalCost}). */
  public static void threadLocalSetting(Object map, Object key, Object value) {
    Machine m = SimRuntime.current();
    if (m == null || map == null || key == null) {
      return;
    }
    m.quiet++;
    try {
      ThreadLocalCost.setting(m, map, key);
    } finally {
      m.quiet--;
    }
  }

  /** Before {@code ThreadLocalMap.remove(key)} ({@link ThreadLocalCost}). */
  public static void threadLocalRemoving(Object map, Object key) {
    Machine m = SimRuntime.current();
    if (m == null || map == null || key == null) {
      return;
    }
    m.quiet++;
    try {
      ThreadLocalCost.removing(m, map, key);
    } finally {
      m.quiet--;
    }
  }
}

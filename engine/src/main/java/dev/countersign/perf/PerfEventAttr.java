package dev.countersign.perf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The fields of {@code struct perf_event_attr} Countersign sets, and their little-endian encoding
 * (offsets from {@code include/uapi/linux/perf_event.h}; the layout is the same on x86_64 and
 * aarch64).
 *
 * @param type PERF_TYPE_* (or a dynamic PMU type from sysfs)
 * @param config event selector
 * @param config1 extra selector bits (used by some raw PMU formats)
 * @param config2 extra selector bits
 * @param readFormat PERF_FORMAT_* bits
 * @param flags the bit field at offset 40 ({@link #DISABLED}, {@link #INHERIT}, ...)
 */
public record PerfEventAttr(
    int type, long config, long config1, long config2, long readFormat, long flags) {

  public static final int TYPE_HARDWARE = 0;
  public static final int TYPE_SOFTWARE = 1;
  public static final int TYPE_TRACEPOINT = 2;
  public static final int TYPE_HW_CACHE = 3;
  public static final int TYPE_RAW = 4;

  /** Size this engine encodes: PERF_ATTR_SIZE_VER7 (the kernel accepts a zero-padded tail). */
  public static final int SIZE = 128;

  /** Smallest size any kernel knows (PERF_ATTR_SIZE_VER0). */
  public static final int SIZE_VER0 = 64;

  public static final long DISABLED = 1L << 0;
  public static final long INHERIT = 1L << 1;
  public static final long EXCLUDE_KERNEL = 1L << 5;
  public static final long EXCLUDE_HV = 1L << 6;

  public static final long FORMAT_TOTAL_TIME_ENABLED = 1;
  public static final long FORMAT_TOTAL_TIME_RUNNING = 2;
  public static final long FORMAT_ID = 4;
  public static final long FORMAT_GROUP = 8;

  /** This attribute with other flag bits. */
  public PerfEventAttr withFlags(long newFlags) {
    return new PerfEventAttr(type, config, config1, config2, readFormat, newFlags);
  }

  /** This attribute with another read format. */
  public PerfEventAttr withReadFormat(long format) {
    return new PerfEventAttr(type, config, config1, config2, format, flags);
  }

  /** The encoding with {@code attr.size = size}; the buffer is {@code max(size, SIZE)} long. */
  public byte[] encode(int size) {
    byte[] bytes = new byte[Math.max(size, SIZE)];
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0, type);
    b.putInt(4, size);
    b.putLong(8, config);
    b.putLong(32, readFormat);
    b.putLong(40, flags);
    b.putLong(56, config1);
    b.putLong(64, config2);
    return bytes;
  }

  /** The {@code size} field of an encoded attribute (what the kernel wrote back on E2BIG). */
  public static int sizeField(byte[] encoded) {
    return ByteBuffer.wrap(encoded).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
  }
}

package dev.countersign.workloads;

import java.nio.charset.StandardCharsets;

/**
 * Allocation-heavy workload: encodes records as {@code key=value;} text into a fresh byte array.
 * The regressed twin builds an intermediate {@code String} per record before encoding, the kind
 * of change that doubles allocation without changing the output.
 */
public final class RecordEncoder {

  private final boolean regressed;

  public RecordEncoder(boolean regressed) {
    this.regressed = regressed;
  }

  /** Encodes {@code count} records; returns the encoded length (so the work is not dead). */
  public int encode(int count) {
    int total = 0;
    for (int i = 0; i < count; i++) {
      byte[] encoded;
      if (regressed) {
        String text = "key" + i + "=" + "value" + (i * 31) + ";";
        encoded = text.getBytes(StandardCharsets.US_ASCII);
        byte[] copy = new byte[encoded.length + 64];
        System.arraycopy(encoded, 0, copy, 0, encoded.length);
        encoded = copy;
      } else {
        encoded = new byte[64];
        int n = put(encoded, 0, "key");
        n = putInt(encoded, n, i);
        encoded[n++] = '=';
        n = put(encoded, n, "value");
        n = putInt(encoded, n, i * 31);
        encoded[n++] = ';';
      }
      total += encoded.length;
    }
    return total;
  }

  private static int put(byte[] dst, int at, String ascii) {
    for (int i = 0; i < ascii.length(); i++) {
      dst[at++] = (byte) ascii.charAt(i);
    }
    return at;
  }

  private static int putInt(byte[] dst, int at, int v) {
    if (v == 0) {
      dst[at++] = '0';
      return at;
    }
    int start = at;
    while (v > 0) {
      dst[at++] = (byte) ('0' + v % 10);
      v /= 10;
    }
    for (int i = start, j = at - 1; i < j; i++, j--) {
      byte t = dst[i];
      dst[i] = dst[j];
      dst[j] = t;
    }
    return at;
  }
}

package dev.countersign.workloads.fidelity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;

/** Copies, hashing and digests. */
final class CopyAndHashPairs {

  private CopyAndHashPairs() {}

  static List<FidelityPair> pairs() {
    return List.of(
        new FidelityPair("copy-loop-to-arraycopy", "element-by-element copy -> System.arraycopy",
            () -> {
              int[] src = Inputs.ints(8192, 1000, 30);
              int[] dst = new int[src.length];
              return () -> {
                for (int i = 0; i < src.length; i++) {
                  dst[i] = src[i];
                }
                return dst[src.length - 1];
              };
            },
            () -> {
              int[] src = Inputs.ints(8192, 1000, 30);
              int[] dst = new int[src.length];
              return () -> {
                System.arraycopy(src, 0, dst, 0, src.length);
                return dst[src.length - 1];
              };
            }),
        new FidelityPair("defensive-copy-to-unmodifiable-view",
            "return new ArrayList<>(list) -> Collections.unmodifiableList(list)",
            () -> {
              List<Integer> l = boxed(2000);
              return () -> {
                long s = 0;
                for (int i = 0; i < 20; i++) {
                  s += new ArrayList<>(l).get(i);
                }
                return s;
              };
            },
            () -> {
              List<Integer> l = boxed(2000);
              return () -> {
                long s = 0;
                for (int i = 0; i < 20; i++) {
                  s += Collections.unmodifiableList(l).get(i);
                }
                return s;
              };
            }),
        new FidelityPair("copyof-in-loop-to-one-copy",
            "Arrays.copyOf(a, n) per element appended -> one presized array",
            () -> {
              int[] src = Inputs.ints(600, 1000, 31);
              return () -> {
                int[] out = new int[0];
                for (int v : src) {
                  out = Arrays.copyOf(out, out.length + 1);
                  out[out.length - 1] = v;
                }
                return out.length;
              };
            },
            () -> {
              int[] src = Inputs.ints(600, 1000, 31);
              return () -> {
                int[] out = new int[src.length];
                int n = 0;
                for (int v : src) {
                  out[n++] = v;
                }
                return n;
              };
            }),
        new FidelityPair("digest-twice-to-once", "SHA-256 computed twice -> once",
            () -> {
              byte[] data = Inputs.bytes(4096, 32);
              return () -> digest("SHA-256", data)[0] + digest("SHA-256", data)[1];
            },
            () -> {
              byte[] data = Inputs.bytes(4096, 32);
              return () -> {
                byte[] d = digest("SHA-256", data);
                return d[0] + d[1];
              };
            }),
        new FidelityPair("sha256-to-md5", "SHA-256 -> MD5 of a 4 KiB block",
            () -> {
              byte[] data = Inputs.bytes(4096, 33);
              return () -> digest("SHA-256", data)[0];
            },
            () -> {
              byte[] data = Inputs.bytes(4096, 33);
              return () -> digest("MD5", data)[0];
            }),
        new FidelityPair("objects-hash-to-manual", "Objects.hash(a, b, c) -> 31 * h + x",
            () -> {
              int[] a = Inputs.ints(3000, 1000, 34);
              return () -> {
                long s = 0;
                for (int i = 0; i + 2 < a.length; i++) {
                  s += Objects.hash(a[i], a[i + 1], a[i + 2]);
                }
                return s;
              };
            },
            () -> {
              int[] a = Inputs.ints(3000, 1000, 34);
              return () -> {
                long s = 0;
                for (int i = 0; i + 2 < a.length; i++) {
                  s += 31 * (31 * (31 + a[i]) + a[i + 1]) + a[i + 2];
                }
                return s;
              };
            }),
        new FidelityPair("manual-checksum-to-crc32", "a hand-written byte hash -> java.util.zip.CRC32",
            () -> {
              byte[] data = Inputs.bytes(16384, 35);
              return () -> {
                long h = 0xcbf29ce484222325L;
                for (byte b : data) {
                  h = (h ^ b) * 0x100000001b3L;
                }
                return h;
              };
            },
            () -> {
              byte[] data = Inputs.bytes(16384, 35);
              return () -> {
                CRC32 crc = new CRC32();
                crc.update(data);
                return crc.getValue();
              };
            }));
  }

  private static List<Integer> boxed(int n) {
    List<Integer> l = new ArrayList<>();
    for (int v : Inputs.ints(n, 1000, 36)) {
      l.add(v);
    }
    return l;
  }

  private static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is a required JDK algorithm", e);
    }
  }
}

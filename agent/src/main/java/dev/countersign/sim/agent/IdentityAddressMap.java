package dev.countersign.sim.agent;

import java.util.Arrays;

/**
 * Object identity to synthetic address, open addressing with primitive values, so that looking up
 * and adding do not allocate (except when the table grows). Holds the objects strongly until
 * {@link #clear()}: the simulator clears it at the start of every measured iteration.
 */
final class IdentityAddressMap {

  private Object[] keys = new Object[1 << 10];
  private long[] values = new long[1 << 10];
  private int size;

  /** The address of {@code o}, or -1. */
  long get(Object o) {
    Object[] k = keys;
    int mask = k.length - 1;
    int i = mix(System.identityHashCode(o)) & mask;
    while (true) {
      Object x = k[i];
      if (x == o) {
        return values[i];
      }
      if (x == null) {
        return -1;
      }
      i = (i + 1) & mask;
    }
  }

  void put(Object o, long address) {
    if (size * 2 >= keys.length) {
      grow();
    }
    Object[] k = keys;
    int mask = k.length - 1;
    int i = mix(System.identityHashCode(o)) & mask;
    while (k[i] != null && k[i] != o) {
      i = (i + 1) & mask;
    }
    if (k[i] == null) {
      size++;
    }
    k[i] = o;
    values[i] = address;
  }

  int size() {
    return size;
  }

  void clear() {
    if (size > 0) {
      Arrays.fill(keys, null);
      size = 0;
    }
  }

  private void grow() {
    Object[] oldK = keys;
    long[] oldV = values;
    keys = new Object[oldK.length * 2];
    values = new long[oldK.length * 2];
    size = 0;
    for (int i = 0; i < oldK.length; i++) {
      if (oldK[i] != null) {
        put(oldK[i], oldV[i]);
      }
    }
  }

  private static int mix(int h) {
    h *= 0x9E3779B1;
    return h ^ (h >>> 16);
  }
}

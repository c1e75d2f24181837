package dev.countersign.sim.agent;

/**
 * The sizes of the last few types a machine saw, found by reference comparison, in front of
 * {@link ObjectShapes} (whose {@code ClassValue} is JDK code: run quiet, but a call per block of
 * it). Round-robin replacement. Not thread-safe: one machine's thread only.
 */
final class TypeSizes {

  private static final int ENTRIES = 8;

  private final Class<?>[] types = new Class<?>[ENTRIES];
  /** Per type: its instance size, or for an array type the log2 of its element size. */
  private final long[] values = new long[ENTRIES];
  private int next;

  long instanceSize(Class<?> type) {
    Class<?>[] t = types;
    for (int i = 0; i < ENTRIES; i++) {
      if (t[i] == type) {
        return values[i];
      }
    }
    long size = ObjectShapes.instanceSize(type);
    remember(type, size);
    return size;
  }

  long sizeOf(Object o) {
    Class<?> c = o.getClass();
    if (!c.isArray()) {
      return instanceSize(c);
    }
    Class<?>[] t = types;
    int shift = -1;
    for (int i = 0; i < ENTRIES; i++) {
      if (t[i] == c) {
        shift = (int) values[i];
        break;
      }
    }
    if (shift < 0) {
      shift = ObjectShapes.elementShift(c);
      remember(c, shift);
    }
    return ObjectShapes.arraySize(shift, java.lang.reflect.Array.getLength(o));
  }

  private void remember(Class<?> type, long value) {
    int i = next;
    types[i] = type;
    values[i] = value;
    next = (i + 1) & (ENTRIES - 1);
  }
}

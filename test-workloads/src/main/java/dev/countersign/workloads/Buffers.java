package dev.countersign.workloads;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;

/** Frees direct buffers at once rather than at the next GC. */
final class Buffers {

  private static final sun.misc.Unsafe UNSAFE = unsafe();

  private Buffers() {}

  static void free(ByteBuffer direct) {
    UNSAFE.invokeCleaner(direct);
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

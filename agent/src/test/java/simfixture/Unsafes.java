package simfixture;

import java.lang.reflect.Field;

final class Unsafes {
  static final sun.misc.Unsafe UNSAFE = load();

  private Unsafes() {}

  private static sun.misc.Unsafe load() {
    try {
      Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
      f.setAccessible(true);
      return (sun.misc.Unsafe) f.get(null);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}

package dev.countersign.sim.agent;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * The synthetic layout of objects, modelled on 64-bit HotSpot with compressed oops and compressed
 * class pointers: a 12-byte header, superclass fields first, then the class's own instance fields
 * in declaration order ({@link Class#getDeclaredFields()} order), each aligned to its size
 * (references 4 bytes), the instance size rounded up to 8 bytes. Arrays: a 16-byte header
 * (including the length) and contiguous elements. HotSpot actually reorders fields by size; the
 * model keeps declaration order so that an offset is predictable from the source.
 */
final class ObjectShapes {

  static final int HEADER = 12;
  static final int ARRAY_HEADER = 16;

  private static final ClassValue<Shape> SHAPES =
      new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
          return shapeOf(type);
        }
      };

  private ObjectShapes() {}

  /** Bytes one instance (not array) of {@code type} occupies. */
  static long instanceSize(Class<?> type) {
    return SHAPES.get(type).size;
  }

  /** Bytes of an array object, header included. */
  static long arraySize(Class<?> arrayType, int length) {
    return arraySize(elementShift(arrayType), length);
  }

  /** Bytes of an array of {@code length} elements of {@code 1 << shift} bytes, header included. */
  static long arraySize(int shift, int length) {
    return align8(ARRAY_HEADER + ((long) Math.max(0, length) << shift));
  }


  /** log2 of the element size of an array type (references: 4 bytes). */
  static int elementShift(Class<?> arrayType) {
    Class<?> e = arrayType.getComponentType();
    if (e == long.class || e == double.class) {
      return 3;
    }
    if (e == byte.class || e == boolean.class) {
      return 0;
    }
    if (e == short.class || e == char.class) {
      return 1;
    }
    return 2;
  }

  /**
   * Offset of field {@code name} as seen from a reference whose static type is {@code owner}
   * (internal name), in an object of runtime class {@code type}; the header size when unknown.
   */
  static int fieldOffset(Class<?> type, String owner, String name) {
    Class<?> c = type;
    String binary = owner.replace('/', '.');
    while (c != null && !c.getName().equals(binary)) {
      c = c.getSuperclass();
    }
    for (Class<?> k = c == null ? type : c; k != null; k = k.getSuperclass()) {
      Shape s = SHAPES.get(k);
      for (int i = 0; i < s.names.length; i++) {
        if (s.names[i].equals(name)) {
          return s.offsets[i];
        }
      }
    }
    return HEADER;
  }

  private static Shape shapeOf(Class<?> type) {
    long start = type.getSuperclass() == null ? HEADER : SHAPES.get(type.getSuperclass()).end;
    Field[] fields;
    try {
      fields = type.getDeclaredFields();
    } catch (Throwable t) { // a field type that cannot be loaded: lay out no own fields
      fields = new Field[0];
    }
    int n = 0;
    for (Field f : fields) {
      if (!Modifier.isStatic(f.getModifiers())) {
        n++;
      }
    }
    String[] names = new String[n];
    int[] offsets = new int[n];
    long at = start;
    int i = 0;
    for (Field f : fields) {
      if (Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      int size = sizeOfType(f.getType());
      at = (at + size - 1) / size * size;
      names[i] = f.getName();
      offsets[i] = (int) at;
      at += size;
      i++;
    }
    return new Shape(align8(at), at, names, offsets);
  }

  private static int sizeOfType(Class<?> t) {
    if (t == long.class || t == double.class) {
      return 8;
    }
    if (t == byte.class || t == boolean.class) {
      return 1;
    }
    if (t == short.class || t == char.class) {
      return 2;
    }
    return 4;
  }

  static long align8(long n) {
    return (n + 7) & ~7L;
  }

  private record Shape(long size, long end, String[] names, int[] offsets) {}
}

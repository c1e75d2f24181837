package dev.countersign.sim.agent;

/**
 * Probes of memory accesses and allocations: field and array loads and stores report the
 * accessed object and index before the original instruction (only when a machine simulates the
 * memory hierarchy), allocations the new object after it. Each access probe inlines only the
 * test of {@link SimRuntime#modellingMemory} (a few bytes, within any JIT inlining limit; counting
 * alone never runs more), the model is a call. Public only because instrumented classes in any
 * package call it; not an API.
 */
public final class MemoryProbes {

  private MemoryProbes() {}

  /** Before GETFIELD on {@code o}. */
  public static void getField(Object o, int site) {
    if (SimRuntime.modellingMemory) {
      getFieldModelled(o, site);
    }
  }

  private static void getFieldModelled(Object o, int site) {
    Machine m = SimRuntime.current();
    if (m != null && o != null && m.modelsMemory()) {
      m.quiet++;
      try {
        m.load(m.addressOf(o) + FieldSites.offset(site, o.getClass()));
      } finally {
        m.quiet--;
      }
    }
  }

  /** Before PUTFIELD on {@code o}. */
  public static void putField(Object o, int site) {
    if (SimRuntime.modellingMemory) {
      putFieldModelled(o, site);
    }
  }

  private static void putFieldModelled(Object o, int site) {
    Machine m = SimRuntime.current();
    if (m != null && o != null && m.modelsMemory()) {
      m.quiet++;
      try {
        m.store(m.addressOf(o) + FieldSites.offset(site, o.getClass()));
      } finally {
        m.quiet--;
      }
    }
  }

  private static void arrayLoad(Object a, int i, int shift) {
    if (SimRuntime.modellingMemory) {
      arrayLoadModelled(a, i, shift);
    }
  }

  private static void arrayLoadModelled(Object a, int i, int shift) {
    Machine m = SimRuntime.current();
    if (m != null && a != null && m.modelsMemory()) {
      m.quiet++;
      try {
        m.load(m.addressOf(a) + ObjectShapes.ARRAY_HEADER + ((long) i << shift));
      } finally {
        m.quiet--;
      }
    }
  }

  private static void arrayStore(Object a, int i, int shift) {
    if (SimRuntime.modellingMemory) {
      arrayStoreModelled(a, i, shift);
    }
  }

  private static void arrayStoreModelled(Object a, int i, int shift) {
    Machine m = SimRuntime.current();
    if (m != null && a != null && m.modelsMemory()) {
      m.quiet++;
      try {
        m.store(m.addressOf(a) + ObjectShapes.ARRAY_HEADER + ((long) i << shift));
      } finally {
        m.quiet--;
      }
    }
  }

  /** Before BALOAD. */
  public static void load1(Object a, int i) {
    arrayLoad(a, i, 0);
  }

  /** Before CALOAD, SALOAD. */
  public static void load2(Object a, int i) {
    arrayLoad(a, i, 1);
  }

  /** Before IALOAD, FALOAD, AALOAD. */
  public static void load4(Object a, int i) {
    arrayLoad(a, i, 2);
  }

  /** Before LALOAD, DALOAD. */
  public static void load8(Object a, int i) {
    arrayLoad(a, i, 3);
  }

  /** Before BASTORE (byte[] and boolean[]). */
  public static void store1(Object a, int i) {
    arrayStore(a, i, 0);
  }

  /** Before CASTORE, SASTORE. */
  public static void store2(Object a, int i) {
    arrayStore(a, i, 1);
  }

  /** Before IASTORE, FASTORE, AASTORE. */
  public static void store4(Object a, int i) {
    arrayStore(a, i, 2);
  }

  /** Before LASTORE, DASTORE. */
  public static void store8(Object a, int i) {
    arrayStore(a, i, 3);
  }

  // allocations

  /** After a NEW's constructor returned. */
  public static void allocated(Object o) {
    Machine m = SimRuntime.current();
    if (m != null) {
      m.quiet++;
      try {
        m.allocated(o, m.instanceSize(o.getClass()));
      } finally {
        m.quiet--;
      }
    }
  }

  /** After NEWARRAY / ANEWARRAY. */
  public static void allocatedArray(Object a) {
    Machine m = SimRuntime.current();
    if (m != null) {
      m.quiet++;
      try {
        m.allocated(a, m.sizeOf(a));
      } finally {
        m.quiet--;
      }
    }
  }

  /** After MULTIANEWARRAY of {@code dims} allocated dimensions. */
  public static void allocatedMulti(Object a, int dims) {
    Machine m = SimRuntime.current();
    if (m != null) {
      m.quiet++;
      try {
        allocateTree(m, a, dims);
      } finally {
        m.quiet--;
      }
    }
  }

  private static void allocateTree(Machine m, Object a, int dims) {
    m.allocated(a, m.sizeOf(a));
    if (dims > 1 && a instanceof Object[] arr) {
      for (Object sub : arr) {
        if (sub != null) {
          allocateTree(m, sub, dims - 1);
        }
      }
    }
  }
}

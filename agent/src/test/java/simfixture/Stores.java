package simfixture;

/** Field stores of references and ints, for the write-barrier weights (WriteBarrierWeightsTest). */
public final class Stores {

  private Stores() {}

  /** A field of each kind. */
  public static final class Holder {
    Object ref;
    int value;

    Holder() {}

    Holder(Object ref, int value) {
      this.ref = ref;
      this.value = value;
    }
  }

  static Object shared;
  static int sharedInt;

  public static void storeReferences(Holder h, Object v, int n) {
    for (int i = 0; i < n; i++) {
      h.ref = v;
    }
  }

  public static void storeInts(Holder h, int v, int n) {
    for (int i = 0; i < n; i++) {
      h.value = v;
    }
  }

  public static void storeNulls(Holder h, int n) {
    for (int i = 0; i < n; i++) {
      h.ref = null;
    }
  }

  public static void storeStaticReferences(Object v, int n) {
    for (int i = 0; i < n; i++) {
      shared = v;
    }
  }

  public static void storeStaticInts(int v, int n) {
    for (int i = 0; i < n; i++) {
      sharedInt = v;
    }
  }

  /** n objects whose constructor stores a reference (no barrier: the object is new). */
  public static Object constructWithReference(Object v, int n) {
    Holder last = null;
    for (int i = 0; i < n; i++) {
      last = new Holder(v, 1);
    }
    return last;
  }

  /** The same with a null reference. */
  public static Object constructWithNull(int n) {
    Holder last = null;
    for (int i = 0; i < n; i++) {
      last = new Holder(null, 1);
    }
    return last;
  }
}

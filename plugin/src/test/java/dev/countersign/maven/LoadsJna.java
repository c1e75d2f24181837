package dev.countersign.maven;

/** Loads JNA's native library, as the extension does when it opens counters: for {@link NativeAccessTest}. */
public final class LoadsJna {
  private LoadsJna() {}

  public static void main(String[] args) {
    System.out.println("pointer size " + com.sun.jna.Native.POINTER_SIZE);
  }
}

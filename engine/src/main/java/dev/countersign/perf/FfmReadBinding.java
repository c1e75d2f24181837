package dev.countersign.perf;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.ref.Reference;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * libc's {@code read(2)} through the Foreign Function &amp; Memory API (final in JDK 22): one
 * downcall handle per JVM, a constant to the JIT, so that a group read is one downcall with
 * nothing to box, allocate or look up.
 *
 * <p>The project is compiled for Java 17, so {@code java.lang.foreign} is reached reflectively,
 * once, when the binding is made (see docs/perf-engine.md, Decisions); the call itself is an
 * {@code invokeExact} of a constant handle. The buffer goes to {@code read} as a {@code
 * long} address rather than a {@code MemorySegment}: on the LP64 ABIs this runs on (x86_64
 * System V, AAPCS64) a pointer and a 64-bit integer travel in the same register, and a plain
 * address spares the per-call acquire and release of a segment's scope. {@code errno} is captured
 * by the linker ({@code Linker.Option.captureCallState}) right after the call, before the JVM can
 * overwrite it.
 */
final class FfmReadBinding {

  private static final String FOREIGN = "java.lang.foreign.";

  private static final FfmReadBinding LOADED;
  private static final UnsupportedOperationException REFUSAL;
  /**
   * {@code (Object callState, int fd, long buffer, long count) -> long}: the downcall, in a static
   * final field so that the JIT takes it as a constant and inlines the linker's adapter into the
   * caller. It must: with {@code captureCallState} the adapter slices the capture segment on every
   * call, a 40-byte object that escape analysis removes only when the adapter is inlined — bound
   * into a per-reader handle (not a constant), each read allocated it, 80 B per invocation in
   * {@code alloc-bytes} (found by {@code ReadPathTest.probeInTheRunnerAllocatesNothing}).
   */
  private static final MethodHandle READ;

  static {
    FfmReadBinding loaded = null;
    UnsupportedOperationException refusal = null;
    try {
      loaded = bind();
    } catch (UnsupportedOperationException e) {
      refusal = e;
    }
    LOADED = loaded;
    REFUSAL = refusal;
    READ = loaded == null ? null : loaded.read;
  }

  private final MethodHandle read;
  private final int stateBytes;
  private final int errnoOffset;
  private final Method ofBuffer;
  private final Method address;

  private FfmReadBinding(MethodHandle read, int stateBytes, int errnoOffset, Method ofBuffer,
      Method address) {
    this.read = read;
    this.stateBytes = stateBytes;
    this.errnoOffset = errnoOffset;
    this.ofBuffer = ofBuffer;
    this.address = address;
  }

  /**
   * The binding of this JVM, made once.
   *
   * @throws UnsupportedOperationException when this JDK has no final FFM API (before 22), or
   *     refuses native access ({@code --illegal-native-access=deny}); the message says which
   */
  static FfmReadBinding load() {
    if (LOADED == null) {
      throw new UnsupportedOperationException(REFUSAL.getMessage(), REFUSAL);
    }
    return LOADED;
  }

  /** Binds {@code read} through {@code java.lang.foreign}. */
  private static FfmReadBinding bind() {
    int feature = Runtime.version().feature();
    if (feature < 22) {
      throw new UnsupportedOperationException("JDK " + feature
          + " has no final java.lang.foreign (it is final from JDK 22)");
    }
    try {
      Class<?> linkerC = Class.forName(FOREIGN + "Linker");
      Class<?> optionC = Class.forName(FOREIGN + "Linker$Option");
      Class<?> layoutC = Class.forName(FOREIGN + "MemoryLayout");
      Class<?> pathC = Class.forName(FOREIGN + "MemoryLayout$PathElement");
      Class<?> valueC = Class.forName(FOREIGN + "ValueLayout");
      Class<?> descriptorC = Class.forName(FOREIGN + "FunctionDescriptor");
      Class<?> segmentC = Class.forName(FOREIGN + "MemorySegment");
      Class<?> lookupC = Class.forName(FOREIGN + "SymbolLookup");

      Object linker = linkerC.getMethod("nativeLinker").invoke(null);
      Object libc = linkerC.getMethod("defaultLookup").invoke(linker);
      Object symbol = ((Optional<?>) lookupC.getMethod("find", String.class).invoke(libc, "read"))
          .orElseThrow(() -> new UnsupportedOperationException(
              "the C library has no symbol 'read'"));
      Object javaInt = valueC.getField("JAVA_INT").get(null);
      Object javaLong = valueC.getField("JAVA_LONG").get(null);
      Object descriptor = descriptorC.getMethod("of", layoutC, layoutC.arrayType())
          .invoke(null, javaLong, arrayOf(layoutC, javaInt, javaLong, javaLong));
      Object captureErrno = optionC.getMethod("captureCallState", String[].class)
          .invoke(null, (Object) new String[] {"errno"});
      MethodHandle read = ((MethodHandle) linkerC
          .getMethod("downcallHandle", segmentC, descriptorC, optionC.arrayType())
          .invoke(linker, symbol, descriptor, arrayOf(optionC, captureErrno)))
          .asType(MethodType.methodType(long.class, Object.class, int.class, long.class,
              long.class));

      Object state = optionC.getMethod("captureStateLayout").invoke(null);
      long stateBytes = (long) layoutC.getMethod("byteSize").invoke(state);
      Object errno = pathC.getMethod("groupElement", String.class).invoke(null, "errno");
      long errnoOffset = (long) layoutC.getMethod("byteOffset", pathC.arrayType())
          .invoke(state, arrayOf(pathC, errno));
      return new FfmReadBinding(read, (int) stateBytes, (int) errnoOffset,
          segmentC.getMethod("ofBuffer", Buffer.class), segmentC.getMethod("address"));
    } catch (InvocationTargetException e) {
      // IllegalCallerException: native access denied for this module
      throw new UnsupportedOperationException(
          "java.lang.foreign refused the downcall: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new UnsupportedOperationException("java.lang.foreign is not usable here: " + e, e);
    }
  }

  /** A reader of {@code fd} into a buffer of {@code bytes} of its own. */
  CounterReader reader(int fd, int bytes) {
    return new Reader(this, fd, bytes);
  }

  private static Object arrayOf(Class<?> type, Object... elements) {
    Object array = Array.newInstance(type, elements.length);
    for (int i = 0; i < elements.length; i++) {
      Array.set(array, i, elements[i]);
    }
    return array;
  }

  private static final class Reader extends NativeBufferReader {

    private final ByteBuffer callState;
    private final Object stateSegment;
    private final long bufferAddress;
    private final long bytes;
    private final int errnoOffset;

    Reader(FfmReadBinding binding, int fd, int bytes) {
      super(fd, bytes);
      this.callState = ByteBuffer.allocateDirect(binding.stateBytes).order(ByteOrder.nativeOrder());
      this.errnoOffset = binding.errnoOffset;
      this.bytes = bytes;
      try {
        this.stateSegment = binding.ofBuffer.invoke(null, callState);
        this.bufferAddress = (long) binding.address.invoke(binding.ofBuffer.invoke(null, buffer));
      } catch (ReflectiveOperationException e) {
        throw new UnsupportedOperationException("cannot bind read(2) to a buffer: " + e, e);
      }
    }

    @Override
    public long read() {
      long got;
      try {
        got = (long) READ.invokeExact(stateSegment, fd, bufferAddress, bytes);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException("read(2) through java.lang.foreign failed", t);
      }
      // the kernel wrote through a plain address: keep the buffers alive until it returned
      Reference.reachabilityFence(buffer);
      Reference.reachabilityFence(callState);
      return got >= 0 ? got : -callState.getInt(errnoOffset);
    }
  }
}

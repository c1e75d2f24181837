package dev.countersign.perf;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.ref.Reference;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * libc's {@code read(2)} through the Foreign Function &amp; Memory API (final in JDK 22), bound
 * once per counter group into a method handle of no arguments, so that a group read is one
 * downcall with nothing to box, allocate or look up.
 *
 * <p>The project is compiled for Java 17, so {@code java.lang.foreign} is reached reflectively,
 * once, when the binding is made (see docs/perf-engine.md, Decisions); the call itself is an
 * {@code invokeExact} of a {@code ()long} handle. The buffer goes to {@code read} as a {@code
 * long} address rather than a {@code MemorySegment}: on the LP64 ABIs this runs on (x86_64
 * System V, AAPCS64) a pointer and a 64-bit integer travel in the same register, and a plain
 * address spares the per-call acquire and release of a segment's scope. {@code errno} is captured
 * by the linker ({@code Linker.Option.captureCallState}) right after the call, before the JVM can
 * overwrite it.
 */
final class FfmReadBinding {

  private static final String FOREIGN = "java.lang.foreign.";

  /** {@code (MemorySegment callState, int fd, long buffer, long count) -> long}. */
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
   * Binds {@code read} through {@code java.lang.foreign}.
   *
   * @throws UnsupportedOperationException when this JDK has no final FFM API (before 22), or
   *     refuses native access ({@code --illegal-native-access=deny}); the message says which
   */
  static FfmReadBinding load() {
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
      MethodHandle read = (MethodHandle) linkerC
          .getMethod("downcallHandle", segmentC, descriptorC, optionC.arrayType())
          .invoke(linker, symbol, descriptor, arrayOf(optionC, captureErrno));

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

  /** A reader of {@code fd} into a buffer of {@code bytes}, its downcall bound to both. */
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
    private final int errnoOffset;
    /** {@code read(fd, buffer, capacity)} with every argument bound: {@code () -> long}. */
    private final MethodHandle call;

    Reader(FfmReadBinding binding, int fd, int bytes) {
      super(fd, bytes);
      this.callState = ByteBuffer.allocateDirect(binding.stateBytes).order(ByteOrder.nativeOrder());
      this.errnoOffset = binding.errnoOffset;
      try {
        Object stateSegment = binding.ofBuffer.invoke(null, callState);
        long bufferAddress = (long) binding.address.invoke(binding.ofBuffer.invoke(null, buffer));
        this.call = MethodHandles.insertArguments(binding.read, 0, stateSegment, fd,
            bufferAddress, (long) bytes);
      } catch (ReflectiveOperationException e) {
        throw new UnsupportedOperationException("cannot bind read(2) to a buffer: " + e, e);
      }
    }

    @Override
    public long read() {
      long got;
      try {
        got = (long) call.invokeExact();
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

package dev.countersign.perf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A {@link CounterReader} over a direct {@link ByteBuffer}: the words are read by the JIT's
 * intrinsics, not by a native call per word (JNA's {@code Memory.getLong} is one JNI call each).
 */
abstract class NativeBufferReader implements CounterReader {

  /** Native memory the kernel writes into; reachable from this reader for as long as it is. */
  protected final ByteBuffer buffer;
  protected final int fd;

  NativeBufferReader(int fd, int bytes) {
    this.fd = fd;
    this.buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
  }

  @Override
  public final long word(int index) {
    return buffer.getLong(index << 3);
  }

  @Override
  public void close() {
    // the direct buffer is freed with this reader; nothing is held outside it
  }
}

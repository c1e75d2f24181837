package dev.countersign.perf;

/**
 * Reads one perf file descriptor into a native buffer of its own: {@link #read} is one {@code
 * read(2)}, {@link #word} a 64-bit word of what it read. Made once per counter group, so the read
 * path neither allocates nor resolves anything per call.
 */
public interface CounterReader extends AutoCloseable {

  /** One {@code read(2)} of the whole buffer: the number of bytes read, or {@code -errno}. */
  long read();

  /** The {@code index}-th u64 (native byte order) of the last successful {@link #read}. */
  long word(int index);

  /** Releases the buffer; the file descriptor is not closed. Idempotent. */
  @Override
  void close();
}

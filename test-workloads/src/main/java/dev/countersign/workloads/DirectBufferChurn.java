package dev.countersign.workloads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Direct-buffer churn: writes every page of a 256 KiB direct (mapped) buffer per operation while a
 * second thread of the process computes on another CPU. Releasing a mapping is an {@code munmap},
 * and unmapping memory of a process that runs on other CPUs sends them TLB-shootdown IPIs ({@code
 * flush_tlb_mm_range}). The normal workload maps once and reuses the buffer; the regressed twin
 * maps and unmaps a fresh buffer per operation. Mapped buffers are used rather than {@code
 * allocateDirect} because malloc's adaptive mmap threshold would serve repeated allocations from
 * the heap without any unmap.
 */
public final class DirectBufferChurn implements AutoCloseable {

  /** Bytes per buffer. */
  public static final int SIZE = 256 * 1024;

  private final boolean regressed;
  private final Path file;
  private final FileChannel channel;
  private final MappedByteBuffer reused;

  public DirectBufferChurn(boolean regressed) {
    this.regressed = regressed;
    try {
      file = Files.createTempFile("countersign-churn", ".bin");
      channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
          StandardOpenOption.DELETE_ON_CLOSE);
      channel.write(java.nio.ByteBuffer.allocate(1), SIZE - 1);
      reused = map();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private MappedByteBuffer map() throws IOException {
    return channel.map(FileChannel.MapMode.PRIVATE, 0, SIZE);
  }

  /** Fills a buffer {@code ops} times with a busy partner thread; returns a checksum. */
  public long run(int ops) throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    long[] partnerWork = new long[1];
    Thread partner = new Thread(() -> {
      long x = 1;
      while (!stop.get()) {
        x = x * 6364136223846793005L + 1442695040888963407L;
      }
      partnerWork[0] = x;
    }, "churn-partner");
    partner.start();
    long sum = 0;
    try {
      for (int op = 0; op < ops; op++) {
        MappedByteBuffer b = regressed ? map() : reused;
        try {
          for (int p = 0; p < SIZE; p += PageToucher.PAGE) {
            b.put(p, (byte) op);
          }
          sum += b.get(SIZE - PageToucher.PAGE);
        } finally {
          if (regressed) {
            Buffers.free(b);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      stop.set(true);
      partner.join();
    }
    return sum + (partnerWork[0] == 42 ? 1 : 0);
  }

  @Override
  public void close() throws IOException {
    Buffers.free(reused);
    channel.close();
  }
}

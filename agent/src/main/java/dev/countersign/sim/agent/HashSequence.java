package dev.countersign.sim.agent;

/**
 * A stream of well-distributed, non-zero 31-bit identity hash codes from a fixed seed: HotSpot's
 * default generator ({@code -XX:hashCode=5}, {@code get_next_hash} in {@code synchronizer.cpp},
 * called by {@code ObjectSynchronizer::FastHashCode}), Marsaglia's xor-shift with the thread
 * state HotSpot starts from, except that HotSpot seeds {@code X} from {@code os::random()} per
 * thread and this seeds it from {@code stream}: the same stream gives the same codes in every JVM.
 */
final class HashSequence {

  private int x;
  private int y;
  private int z;
  private int w;

  HashSequence(int stream) {
    reset(stream);
  }

  /** Starts the stream again from its seed. */
  void reset(int stream) {
    x = 0x2545F491 ^ (stream * 0x9E3779B9);
    y = 842502087;
    z = 0x8767;
    w = 273326509;
  }

  /** The next code: 31 bits, never 0 (HotSpot's {@code markWord::no_hash}). */
  int next() {
    int t = x;
    t ^= t << 11;
    x = y;
    y = z;
    z = w;
    int v = w;
    v = (v ^ (v >>> 19)) ^ (t ^ (t >>> 8));
    w = v;
    int value = v & 0x7FFFFFFF;
    return value == 0 ? 0xBAD : value;
  }
}

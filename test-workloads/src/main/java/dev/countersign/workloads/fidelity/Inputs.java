package dev.countersign.workloads.fidelity;

import java.util.Random;

/** Seeded inputs shared by the pairs: the same data on both sides of a pair, in every run. */
final class Inputs {

  private Inputs() {}

  static int[] ints(int n, int bound, long seed) {
    Random r = new Random(seed);
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextInt(bound);
    }
    return a;
  }

  static double[] doubles(int n, long seed) {
    Random r = new Random(seed);
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextGaussian() * 100 + 1000;
    }
    return a;
  }

  static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** {@code n} lower-case words of 3..10 letters. */
  static String[] words(int n, long seed) {
    Random r = new Random(seed);
    String[] w = new String[n];
    for (int i = 0; i < n; i++) {
      char[] c = new char[3 + r.nextInt(8)];
      for (int j = 0; j < c.length; j++) {
        c[j] = (char) ('a' + r.nextInt(26));
      }
      w[i] = new String(c);
    }
    return w;
  }

  /** {@code n} strings: decimal numbers at even indices, words at odd ones. */
  static String[] numbersAndWords(int n, long seed) {
    String[] w = words(n, seed);
    int[] numbers = ints(n, 1_000_000, seed + 1);
    for (int i = 0; i < w.length; i += 2) {
      w[i] = Integer.toString(numbers[i]);
    }
    return w;
  }

  /** {@code n} words drawn from a vocabulary of 200. */
  static String[] vocabularyText(int n, long seed) {
    String[] vocabulary = words(200, seed);
    Random r = new Random(seed + 1);
    String[] w = new String[n];
    for (int i = 0; i < n; i++) {
      w[i] = vocabulary[r.nextInt(vocabulary.length)];
    }
    return w;
  }
}

package dev.countersign.junit;

import dev.countersign.results.TestId;

/**
 * The method name a result records for one invocation of a {@code @ParameterizedTest} or
 * {@code @RepeatedTest} {@code @PerfTest}: {@code method[<invocation>]}, where the invocation is its
 * display name ({@code [2] 1024, "utf-8"}, {@code repetition 3 of 5}) reduced to letters, digits and
 * {@code . _ = -}, and, when longer than {@value #MAX_CHARS} characters, cut with a hash of the whole
 * display name appended. So the key is stable while the arguments and their order are, safe in a
 * file name, and distinct for distinct display names.
 */
final class InvocationNames {

  static final int MAX_CHARS = 48;

  private InvocationNames() {}

  static String methodName(String method, String invocationDisplayName) {
    String safe = invocationDisplayName.replaceAll("[^A-Za-z0-9._=-]+", "_")
        .replaceAll("^_+|_+$", "");
    if (safe.length() > MAX_CHARS || safe.isEmpty()) {
      String hash = TestId.sha256Hex(invocationDisplayName).substring(0, 12);
      safe = safe.substring(0, Math.min(safe.length(), MAX_CHARS - hash.length() - 1)) + "~" + hash;
    }
    return method + "[" + safe + "]";
  }
}

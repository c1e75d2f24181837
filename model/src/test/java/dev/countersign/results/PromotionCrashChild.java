package dev.countersign.results;

import java.nio.file.Path;

/** Run by {@link PromotionTest} in a child JVM: promotes generation after generation until killed. */
public final class PromotionCrashChild {

  private PromotionCrashChild() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    System.out.print('R');
    System.out.flush();
    for (int g = 1; ; g++) {
      Promotion.writeAll(dir, PromotionTest.generation(dir, 200, g));
      System.out.print('G');
      System.out.flush();
    }
  }
}

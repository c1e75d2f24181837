package dev.countersign.check;

/**
 * The two sides a report compares, as its labels name them: {@code check} compares the committed
 * baseline with this build's run; {@code compare} revision A (the base) with B (this working
 * tree), run alternately on one machine — neither is a baseline.
 *
 * @param first the side compared against, as running text names it ("baseline", "A")
 * @param second the side judged ("current", "B")
 * @param firstHeading the first side's column heading ("Baseline", "A: origin/main")
 * @param secondHeading the second side's ("Current", "B: working tree")
 * @param legend what each side is, with the refs compared, for the report's header; empty for
 *     {@code check}, whose words say it
 */
public record Sides(String first, String second, String firstHeading, String secondHeading,
    String legend) {

  /** {@code check}'s: the committed baseline and this build's run. */
  public static final Sides BASELINE_AND_CURRENT =
      new Sides("baseline", "current", "Baseline", "Current", "");

  /**
   * {@code compare}'s: A and B.
   *
   * @param aRef A's ref ("origin/main")
   * @param aDetail what else identifies A ("0123456789, merge base with origin/main")
   * @param bRef B's name ("working tree")
   * @param bDetail what else identifies B ("HEAD 89abcdef01, with uncommitted changes")
   */
  public static Sides ab(String aRef, String aDetail, String bRef, String bDetail) {
    return new Sides("A", "B", "A: " + aRef, "B: " + bRef,
        "A = " + aRef + " (" + aDetail + ") · B = " + bRef + " (" + bDetail + ")");
  }
}

package dev.countersign.report;

import dev.countersign.check.Sides;
import dev.countersign.stats.Numbers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Inline SVG charts of the HTML report, written by an {@link HtmlWriter}: no script, no external
 * resource. Public for {@link #niceTicks} and {@link #px}, which the history page's trend plots
 * share.
 */
public final class SvgPlots {

  static final String BASELINE_COLOR = "#7b8794";
  /** The namespace of an inline {@code <svg>}. */
  public static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

  private static final int WIDTH = 520;
  private static final int LEFT = 78;
  private static final int RIGHT = 18;
  private static final int ROW = 38;
  private static final int TOP = 8;
  private static final int AXIS = 30;
  /** Most samples per side drawn one by one; more are drawn as a histogram of {@link #BINS} bins. */
  static final int STRIP_LIMIT = 200;
  static final int BINS = 60;

  private SvgPlots() {}

  /**
   * Baseline and current samples (A and B in a comparison: rows labelled as {@code sides} names
   * them) of one metric as two strip plots (a histogram beyond {@value
   * #STRIP_LIMIT} samples) over a box plot (box: quartiles, thick line: median, whiskers: min to
   * max) on one shared axis.
   */
  static String distributions(Optional<Samples> baseline, Optional<Samples> current,
      String currentColor, String unit, Sides sides) {
    List<Samples> both = new ArrayList<>();
    baseline.ifPresent(both::add);
    current.ifPresent(both::add);
    double lo = both.stream().mapToDouble(Samples::min).min().orElse(0);
    double hi = both.stream().mapToDouble(Samples::max).max().orElse(1);
    if (!(hi > lo)) {
      double pad = lo == 0 ? 1 : Math.abs(lo) * 0.01;
      lo -= pad;
      hi += pad;
    }
    int height = TOP + 2 * ROW + AXIS;
    Scale x = new Scale(lo, hi, LEFT, WIDTH - RIGHT);
    HtmlWriter svg = new HtmlWriter();
    svg.open("svg", "class", "dist", "role", "img", "viewBox", "0 0 " + WIDTH + " " + height,
        "width", WIDTH, "height", height, "xmlns", SVG_NAMESPACE);
    svg.element("title", sides.first() + " and " + sides.second() + " samples ("
        + ReportText.perOp(unit) + ")");
    row(svg, sides.first(), baseline, BASELINE_COLOR, TOP, x, "baseline");
    row(svg, sides.second(), current, currentColor, TOP + ROW, x, "current");
    axis(svg, x, TOP + 2 * ROW + 4, unit);
    svg.close("svg");
    return svg.toString();
  }

  private static void row(HtmlWriter svg, String label, Optional<Samples> side, String color,
      int y, Scale x, String cls) {
    double mid = y + ROW / 2.0;
    svg.element("text", label, "x", "4", "y", px(mid + 4), "class", "lbl");
    if (side.isEmpty()) {
      svg.element("text", "no samples", "x", LEFT, "y", px(mid + 4), "class", "none");
      return;
    }
    Samples s = side.get();
    svg.open("g", "class", cls, "data-n", s.values().length);
    double q1 = x.at(s.quantile(0.25));
    double q3 = x.at(s.quantile(0.75));
    svg.empty("line", "x1", px(x.at(s.min())), "x2", px(x.at(s.max())), "y1", px(mid),
        "y2", px(mid), "stroke", color, "stroke-width", "1");
    svg.empty("rect", "class", "box", "x", px(q1), "y", px(mid - 9),
        "width", px(Math.max(1, q3 - q1)), "height", "18", "fill", color,
        "fill-opacity", "0.18", "stroke", color);
    double med = x.at(s.median());
    svg.open("line", "class", "median", "x1", px(med), "x2", px(med), "y1", px(mid - 12),
        "y2", px(mid + 12), "stroke", color, "stroke-width", "3")
        .element("title", "median " + Numbers.format(s.median())).close("line");
    double[] v = s.values();
    if (v.length > STRIP_LIMIT) {
      histogram(svg, v, mid, x, color);
    } else {
      for (int i = 0; i < v.length; i++) {
        // deterministic jitter (golden-ratio sequence) so that equal values stay visible
        double jitter = ((i * 0.6180339887) % 1.0 - 0.5) * 20;
        svg.empty("circle", "class", "pt", "cx", px(x.at(v[i])), "cy", px(mid + jitter),
            "r", "2.4", "fill", color, "fill-opacity", "0.55");
      }
    }
    svg.close("g");
  }

  /**
   * More samples than a strip plot can show: their density as {@value #BINS} bins across the plot,
   * each bar as tall as its count relative to the fullest bin, so the page stays the same size
   * whatever the sample count.
   */
  private static void histogram(HtmlWriter svg, double[] sorted, double mid, Scale x,
      String color) {
    int[] counts = new int[BINS];
    double width = (x.to - x.from) / BINS;
    for (double v : sorted) {
      int bin = (int) Math.floor((x.at(v) - x.from) / width);
      counts[Math.max(0, Math.min(BINS - 1, bin))]++;
    }
    int max = Arrays.stream(counts).max().orElse(1);
    for (int b = 0; b < BINS; b++) {
      if (counts[b] == 0) {
        continue;
      }
      double h = Math.max(1, 22.0 * counts[b] / max);
      svg.open("rect", "class", "bin", "x", px(x.from + b * width), "y", px(mid - h / 2),
          "width", px(width), "height", px(h), "fill", color, "fill-opacity", "0.45")
          .element("title", counts[b] + " samples").close("rect");
    }
  }

  private static void axis(HtmlWriter svg, Scale x, int y, String unit) {
    svg.empty("line", "x1", LEFT, "x2", WIDTH - RIGHT, "y1", y, "y2", y, "stroke", "#999");
    double[] ticks = niceTicks(x.lo, x.hi, 5);
    String previous = null;
    for (double t : ticks) {
      double px = x.at(t);
      String label = Numbers.format(t);
      if (label.equals(previous)) {
        continue; // a range narrower than four significant digits: label it once
      }
      previous = label;
      svg.empty("line", "x1", px(px), "x2", px(px), "y1", y, "y2", y + 4, "stroke", "#999");
      svg.element("text", label, "class", "tick", "x", px(px), "y", y + 16,
          "text-anchor", "middle");
    }
    svg.element("text", ReportText.perOp(unit), "class", "tick", "x", "4", "y", y + 16);
  }

  /**
   * VM exits per reason for one host profile: per reason a baseline bar and a current bar (A and
   * B, as {@code sides} names them; medians per op), on one scale.
   */
  static String vmExits(List<VmExitBar> bars, String currentColor, Sides sides) {
    int rowH = 30;
    int left = 170;
    int width = WIDTH;
    int height = TOP + bars.size() * rowH + 6;
    double max = 0;
    for (VmExitBar b : bars) {
      max = Math.max(max, finite(b.baseline()));
      max = Math.max(max, finite(b.current()));
    }
    Scale x = new Scale(0, max > 0 ? max : 1, left, width - 90);
    HtmlWriter svg = new HtmlWriter();
    svg.open("svg", "class", "vmexits", "role", "img", "viewBox", "0 0 " + width + " " + height,
        "width", width, "height", height, "xmlns", SVG_NAMESPACE)
        .element("title", "VM exits per op by reason");
    int y = TOP;
    for (VmExitBar b : bars) {
      svg.open("g", "class", "bar", "data-reason", b.reason());
      svg.element("text", b.reason(), "x", "4", "y", y + 17, "class", "lbl");
      bar(svg, x, y + 3, b.baseline(), BASELINE_COLOR, "baseline", sides.first());
      bar(svg, x, y + 14, b.current(), currentColor, "current", sides.second());
      svg.close("g");
      y += rowH;
    }
    svg.close("svg");
    return svg.toString();
  }

  private static void bar(HtmlWriter svg, Scale x, int y, double v, String color, String cls,
      String label) {
    if (Double.isNaN(v)) {
      svg.element("text", label + ": -", "x", px(x.from), "y", y + 9, "class", "none");
      return;
    }
    double w = Math.max(1, x.at(Math.max(0, v)) - x.from);
    svg.open("rect", "class", cls, "x", px(x.from), "y", y, "width", px(w), "height", "10",
        "fill", color).element("title", label + " " + Numbers.format(v) + " per op").close("rect");
    svg.element("text", Numbers.format(v), "class", "tick", "x", px(x.from + w + 4), "y", y + 9);
  }

  /** One reason of one host profile. */
  record VmExitBar(String reason, double baseline, double current) {}

  private static double finite(double v) {
    return Double.isFinite(v) ? v : 0;
  }

  /** A number for an SVG coordinate: fixed two decimals, never exponent or locale commas. */
  public static String px(double v) {
    return String.format(java.util.Locale.ROOT, "%.2f", v);
  }

  /** About {@code count} round axis ticks (1, 2, 2.5 or 5 times a power of ten) within lo..hi. */
  public static double[] niceTicks(double lo, double hi, int count) {
    double span = hi - lo;
    double raw = span / Math.max(1, count - 1);
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = mag;
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * mag >= raw) {
        step = m * mag;
        break;
      }
    }
    List<Double> ticks = new ArrayList<>();
    for (double t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
      ticks.add(Math.abs(t) < step * 1e-9 ? 0 : t);
    }
    return ticks.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Linear map from values to x pixels. */
  private record Scale(double lo, double hi, double from, double to) {
    double at(double v) {
      return from + (v - lo) / (hi - lo) * (to - from);
    }
  }
}

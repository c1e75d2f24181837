package dev.countersign.report;

import static dev.countersign.report.Html.escape;
import static dev.countersign.report.Html.px;

import dev.countersign.stats.Numbers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Inline SVG charts of the HTML report: no script, no external resource. Public for {@link
 * #niceTicks}, which the history page's trend plots share.
 */
public final class SvgPlots {

  static final String BASELINE_COLOR = "#7b8794";

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
   * Baseline and current samples of one metric as two strip plots (a histogram beyond {@value
   * #STRIP_LIMIT} samples) over a box plot (box: quartiles, thick line: median, whiskers: min to
   * max) on one shared axis.
   */
  static String distributions(Optional<Samples> baseline, Optional<Samples> current,
      String currentColor, String unit) {
    List<Samples> sides = new ArrayList<>();
    baseline.ifPresent(sides::add);
    current.ifPresent(sides::add);
    double lo = sides.stream().mapToDouble(Samples::min).min().orElse(0);
    double hi = sides.stream().mapToDouble(Samples::max).max().orElse(1);
    if (!(hi > lo)) {
      double pad = lo == 0 ? 1 : Math.abs(lo) * 0.01;
      lo -= pad;
      hi += pad;
    }
    int height = TOP + 2 * ROW + AXIS;
    Scale x = new Scale(lo, hi, LEFT, WIDTH - RIGHT);
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"dist\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ')
        .append(height).append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
        .append("\" xmlns=\"http://www.w3.org/2000/svg\">");
    svg.append("<title>").append(escape("baseline and current samples (" + HtmlReport.perOp(unit) + ")"))
        .append("</title>");
    row(svg, "baseline", baseline, BASELINE_COLOR, TOP, x, "baseline");
    row(svg, "current", current, currentColor, TOP + ROW, x, "current");
    axis(svg, x, TOP + 2 * ROW + 4, unit);
    svg.append("</svg>");
    return svg.toString();
  }

  private static void row(StringBuilder svg, String label, Optional<Samples> side, String color,
      int y, Scale x, String cls) {
    double mid = y + ROW / 2.0;
    svg.append("<text x=\"4\" y=\"").append(px(mid + 4)).append("\" class=\"lbl\">")
        .append(label).append("</text>");
    if (side.isEmpty()) {
      svg.append("<text x=\"").append(LEFT).append("\" y=\"").append(px(mid + 4))
          .append("\" class=\"none\">no samples</text>");
      return;
    }
    Samples s = side.get();
    svg.append("<g class=\"").append(cls).append("\" data-n=\"").append(s.values().length)
        .append("\">");
    double q1 = x.at(s.quantile(0.25));
    double q3 = x.at(s.quantile(0.75));
    svg.append("<line x1=\"").append(px(x.at(s.min()))).append("\" x2=\"").append(px(x.at(s.max())))
        .append("\" y1=\"").append(px(mid)).append("\" y2=\"").append(px(mid))
        .append("\" stroke=\"").append(color).append("\" stroke-width=\"1\"/>");
    svg.append("<rect class=\"box\" x=\"").append(px(q1)).append("\" y=\"").append(px(mid - 9))
        .append("\" width=\"").append(px(Math.max(1, q3 - q1))).append("\" height=\"18\" fill=\"")
        .append(color).append("\" fill-opacity=\"0.18\" stroke=\"").append(color).append("\"/>");
    double med = x.at(s.median());
    svg.append("<line class=\"median\" x1=\"").append(px(med)).append("\" x2=\"").append(px(med))
        .append("\" y1=\"").append(px(mid - 12)).append("\" y2=\"").append(px(mid + 12))
        .append("\" stroke=\"").append(color).append("\" stroke-width=\"3\"><title>median ")
        .append(escape(Numbers.format(s.median()))).append("</title></line>");
    double[] v = s.values();
    if (v.length > STRIP_LIMIT) {
      histogram(svg, v, mid, x, color);
    } else {
      for (int i = 0; i < v.length; i++) {
        // deterministic jitter (golden-ratio sequence) so that equal values stay visible
        double jitter = ((i * 0.6180339887) % 1.0 - 0.5) * 20;
        svg.append("<circle class=\"pt\" cx=\"").append(px(x.at(v[i]))).append("\" cy=\"")
            .append(px(mid + jitter)).append("\" r=\"2.4\" fill=\"").append(color)
            .append("\" fill-opacity=\"0.55\"/>");
      }
    }
    svg.append("</g>");
  }

  /**
   * More samples than a strip plot can show: their density as {@value #BINS} bins across the plot,
   * each bar as tall as its count relative to the fullest bin, so the page stays the same size
   * whatever the sample count.
   */
  private static void histogram(StringBuilder svg, double[] sorted, double mid, Scale x,
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
      svg.append("<rect class=\"bin\" x=\"").append(px(x.from + b * width)).append("\" y=\"")
          .append(px(mid - h / 2)).append("\" width=\"").append(px(width)).append("\" height=\"")
          .append(px(h)).append("\" fill=\"").append(color).append("\" fill-opacity=\"0.45\"><title>")
          .append(counts[b]).append(" samples</title></rect>");
    }
  }

  private static void axis(StringBuilder svg, Scale x, int y, String unit) {
    svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
        .append("\" y1=\"").append(y).append("\" y2=\"").append(y)
        .append("\" stroke=\"#999\"/>");
    double[] ticks = niceTicks(x.lo, x.hi, 5);
    String previous = null;
    for (double t : ticks) {
      double px = x.at(t);
      String label = Numbers.format(t);
      if (label.equals(previous)) {
        continue; // a range narrower than four significant digits: label it once
      }
      previous = label;
      svg.append("<line x1=\"").append(px(px)).append("\" x2=\"").append(px(px)).append("\" y1=\"")
          .append(y).append("\" y2=\"").append(y + 4).append("\" stroke=\"#999\"/>");
      svg.append("<text class=\"tick\" x=\"").append(px(px)).append("\" y=\"").append(y + 16)
          .append("\" text-anchor=\"middle\">").append(escape(label)).append("</text>");
    }
    svg.append("<text class=\"tick\" x=\"4\" y=\"").append(y + 16).append("\">")
        .append(escape(HtmlReport.perOp(unit))).append("</text>");
  }

  /**
   * VM exits per reason for one host profile: per reason a baseline bar and a current bar (medians
   * per op), on one scale.
   */
  static String vmExits(List<VmExitBar> bars, String currentColor) {
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
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"vmexits\" role=\"img\" viewBox=\"0 0 ").append(width).append(' ')
        .append(height).append("\" width=\"").append(width).append("\" height=\"").append(height)
        .append("\" xmlns=\"http://www.w3.org/2000/svg\"><title>VM exits per op by reason</title>");
    int y = TOP;
    for (VmExitBar b : bars) {
      svg.append("<g class=\"bar\" data-reason=\"").append(escape(b.reason())).append("\">");
      svg.append("<text x=\"4\" y=\"").append(y + 17).append("\" class=\"lbl\">")
          .append(escape(b.reason())).append("</text>");
      bar(svg, x, y + 3, b.baseline(), BASELINE_COLOR, "baseline");
      bar(svg, x, y + 14, b.current(), currentColor, "current");
      svg.append("</g>");
      y += rowH;
    }
    svg.append("</svg>");
    return svg.toString();
  }

  private static void bar(StringBuilder svg, Scale x, int y, double v, String color, String cls) {
    if (Double.isNaN(v)) {
      svg.append("<text x=\"").append(px(x.from)).append("\" y=\"").append(y + 9)
          .append("\" class=\"none\">").append(cls).append(": -</text>");
      return;
    }
    double w = Math.max(1, x.at(Math.max(0, v)) - x.from);
    svg.append("<rect class=\"").append(cls).append("\" x=\"").append(px(x.from)).append("\" y=\"")
        .append(y).append("\" width=\"").append(px(w)).append("\" height=\"10\" fill=\"")
        .append(color).append("\"><title>").append(cls).append(' ')
        .append(escape(Numbers.format(v))).append(" per op</title></rect>");
    svg.append("<text class=\"tick\" x=\"").append(px(x.from + w + 4)).append("\" y=\"")
        .append(y + 9).append("\">").append(escape(Numbers.format(v))).append("</text>");
  }

  /** One reason of one host profile. */
  record VmExitBar(String reason, double baseline, double current) {}

  private static double finite(double v) {
    return Double.isFinite(v) ? v : 0;
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

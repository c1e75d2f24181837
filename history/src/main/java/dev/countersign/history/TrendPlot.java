package dev.countersign.history;

import static dev.countersign.report.SvgPlots.px;

import dev.countersign.report.HtmlWriter;
import dev.countersign.report.SvgPlots;
import dev.countersign.stats.Numbers;
import java.util.List;

/**
 * One trend as an inline SVG: the median of each build (oldest left), the mean of each level
 * between change points, and each change point as a dashed line between the last build before
 * it and the first after, labelled with its change and commit range.
 */
final class TrendPlot {

  static final String REGRESSION_COLOR = "#c62828";
  static final String IMPROVEMENT_COLOR = "#2e7d32";
  private static final int WIDTH = 640;
  private static final int HEIGHT = 220;
  private static final int LEFT = 84;
  private static final int RIGHT = 16;
  private static final int TOP = 26;
  private static final int BOTTOM = 30;

  private TrendPlot() {}

  static String svg(Trend trend) {
    List<TrendPoint> points = trend.points();
    double lo = points.stream().mapToDouble(TrendPoint::median).min().orElse(0);
    double hi = points.stream().mapToDouble(TrendPoint::median).max().orElse(1);
    if (!(hi > lo)) {
      double pad = lo == 0 ? 1 : Math.abs(lo) * 0.01;
      lo -= pad;
      hi += pad;
    }
    double pad = (hi - lo) * 0.08;
    Scale y = new Scale(lo - pad, hi + pad, HEIGHT - BOTTOM, TOP);
    Scale x = new Scale(0, Math.max(1, points.size() - 1), LEFT, WIDTH - RIGHT);
    HtmlWriter s = new HtmlWriter();
    s.open("svg", "class", "trend", "role", "img", "viewBox", "0 0 " + WIDTH + " " + HEIGHT,
        "width", WIDTH, "height", HEIGHT, "xmlns", SvgPlots.SVG_NAMESPACE)
        .element("title", trend.key().label() + ": median per build, " + points.size()
            + " builds, " + trend.changes().size() + " change point(s)");
    for (double t : SvgPlots.niceTicks(lo, hi, 4)) {
      s.empty("line", "class", "grid", "x1", LEFT, "x2", WIDTH - RIGHT, "y1", px(y.at(t)),
          "y2", px(y.at(t)), "stroke", "#e0e0e0")
          .element("text", Numbers.format(t), "x", LEFT - 6, "y", px(y.at(t) + 4),
              "text-anchor", "end", "font-size", "11");
    }
    levels(s, trend, x, y);
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < points.size(); i++) {
      line.append(i == 0 ? "" : " ").append(px(x.at(i))).append(',')
          .append(px(y.at(points.get(i).median())));
    }
    s.empty("polyline", "fill", "none", "stroke", "#1565c0", "stroke-width", "1.5",
        "points", line);
    for (int i = 0; i < points.size(); i++) {
      TrendPoint p = points.get(i);
      s.open("circle", "class", "build", "cx", px(x.at(i)), "cy", px(y.at(p.median())),
          "r", "3", "fill", "#1565c0")
          .element("title", "build " + (i + 1) + " " + p.build().shortCommit() + " ("
              + p.build().branch() + ", " + p.build().builtAt() + "): "
              + Numbers.format(p.median()))
          .close("circle");
    }
    for (TrendChange c : trend.changes()) {
      double cx = (x.at(c.point().index() - 1) + x.at(c.point().index())) / 2;
      String color = c.regression() ? REGRESSION_COLOR : IMPROVEMENT_COLOR;
      s.open("g", "class", "change-point", "data-index", c.point().index(),
              "data-regression", c.regression())
          .empty("line", "x1", px(cx), "x2", px(cx), "y1", TOP - 4, "y2", HEIGHT - BOTTOM,
              "stroke", color, "stroke-dasharray", "4 3", "stroke-width", "1.5")
          .element("text", Numbers.percent(c.point().changePercent()) + " " + c.commitRange(),
              "x", px(cx), "y", TOP - 8, "text-anchor", "middle", "font-size", "11",
              "fill", color)
          .close("g");
    }
    s.element("text", "build 1", "x", LEFT, "y", HEIGHT - 8, "font-size", "11")
        .element("text", "build " + points.size() + " (latest)", "x", WIDTH - RIGHT,
            "y", HEIGHT - 8, "text-anchor", "end", "font-size", "11")
        .close("svg");
    return s.toString();
  }

  /** The mean of each level between change points, as a grey step. */
  private static void levels(HtmlWriter s, Trend trend, Scale x, Scale y) {
    int from = 0;
    for (int k = 0; k <= trend.changes().size(); k++) {
      boolean last = k == trend.changes().size();
      int to = last ? trend.points().size() : trend.changes().get(k).point().index();
      double mean = last
          ? (trend.changes().isEmpty() ? Double.NaN : trend.changes().get(k - 1).point().meanAfter())
          : trend.changes().get(k).point().meanBefore();
      if (!Double.isNaN(mean)) {
        s.empty("line", "class", "level", "x1", px(x.at(from)), "x2", px(x.at(to - 1)),
            "y1", px(y.at(mean)), "y2", px(y.at(mean)), "stroke", "#9e9e9e", "stroke-width", "2");
      }
      from = to;
    }
  }

  /** A linear map from data to pixels. */
  private record Scale(double lo, double hi, double from, double to) {
    double at(double v) {
      return from + (v - lo) / (hi - lo) * (to - from);
    }
  }
}

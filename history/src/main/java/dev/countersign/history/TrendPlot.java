package dev.countersign.history;

import static dev.countersign.report.Html.escape;
import static dev.countersign.report.Html.px;

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
    StringBuilder s = new StringBuilder();
    s.append("<svg class=\"trend\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ')
        .append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
        .append("\" xmlns=\"http://www.w3.org/2000/svg\"><title>")
        .append(escape(trend.key().label() + ": median per build, " + points.size() + " builds, "
            + trend.changes().size() + " change point(s)"))
        .append("</title>");
    for (double t : SvgPlots.niceTicks(lo, hi, 4)) {
      s.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
          .append("\" y1=\"").append(px(y.at(t))).append("\" y2=\"").append(px(y.at(t)))
          .append("\" stroke=\"#e0e0e0\"/><text x=\"").append(LEFT - 6).append("\" y=\"")
          .append(px(y.at(t) + 4)).append("\" text-anchor=\"end\" font-size=\"11\">")
          .append(escape(Numbers.format(t))).append("</text>");
    }
    levels(s, trend, x, y);
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < points.size(); i++) {
      line.append(i == 0 ? "" : " ").append(px(x.at(i))).append(',')
          .append(px(y.at(points.get(i).median())));
    }
    s.append("<polyline fill=\"none\" stroke=\"#1565c0\" stroke-width=\"1.5\" points=\"")
        .append(line).append("\"/>");
    for (int i = 0; i < points.size(); i++) {
      TrendPoint p = points.get(i);
      s.append("<circle class=\"build\" cx=\"").append(px(x.at(i))).append("\" cy=\"")
          .append(px(y.at(p.median()))).append("\" r=\"3\" fill=\"#1565c0\"><title>")
          .append(escape("build " + (i + 1) + " " + p.build().shortCommit() + " ("
              + p.build().branch() + ", " + p.build().builtAt() + "): "
              + Numbers.format(p.median())))
          .append("</title></circle>");
    }
    for (TrendChange c : trend.changes()) {
      double cx = (x.at(c.point().index() - 1) + x.at(c.point().index())) / 2;
      String color = c.regression() ? REGRESSION_COLOR : IMPROVEMENT_COLOR;
      s.append("<g class=\"change-point\" data-index=\"").append(c.point().index())
          .append("\" data-regression=\"").append(c.regression()).append("\"><line x1=\"")
          .append(px(cx)).append("\" x2=\"").append(px(cx)).append("\" y1=\"").append(TOP - 4)
          .append("\" y2=\"").append(HEIGHT - BOTTOM).append("\" stroke=\"").append(color)
          .append("\" stroke-dasharray=\"4 3\" stroke-width=\"1.5\"/><text x=\"").append(px(cx))
          .append("\" y=\"").append(TOP - 8).append("\" text-anchor=\"middle\" font-size=\"11\""
              + " fill=\"").append(color).append("\">")
          .append(escape(Numbers.percent(c.point().changePercent()) + " " + c.commitRange()))
          .append("</text></g>");
    }
    s.append("<text x=\"").append(LEFT).append("\" y=\"").append(HEIGHT - 8)
        .append("\" font-size=\"11\">build 1</text><text x=\"").append(WIDTH - RIGHT)
        .append("\" y=\"").append(HEIGHT - 8).append("\" text-anchor=\"end\" font-size=\"11\">")
        .append("build ").append(points.size()).append(" (latest)</text></svg>");
    return s.toString();
  }

  /** The mean of each level between change points, as a grey step. */
  private static void levels(StringBuilder s, Trend trend, Scale x, Scale y) {
    int from = 0;
    for (int k = 0; k <= trend.changes().size(); k++) {
      boolean last = k == trend.changes().size();
      int to = last ? trend.points().size() : trend.changes().get(k).point().index();
      double mean = last
          ? (trend.changes().isEmpty() ? Double.NaN : trend.changes().get(k - 1).point().meanAfter())
          : trend.changes().get(k).point().meanBefore();
      if (!Double.isNaN(mean)) {
        s.append("<line class=\"level\" x1=\"").append(px(x.at(from))).append("\" x2=\"")
            .append(px(x.at(to - 1))).append("\" y1=\"").append(px(y.at(mean))).append("\" y2=\"")
            .append(px(y.at(mean))).append("\" stroke=\"#9e9e9e\" stroke-width=\"2\"/>");
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

package lab.inception.coordinator.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Self-contained SVG charts (no script, no external reference): curves as polylines and a scatter
 * with its Pareto front as a step line. Long curves are drawn from each bucket's extremes.
 */
final class Svg {
  static final int W = 640;
  static final int H = 300;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TOP = 28;
  private static final int BOTTOM = 40;
  static final int BUCKETS = 200;
  static final String[] PALETTE = {
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
    "#7f7f7f", "#bcbd22"
  };

  private Svg() {}

  /** One curve, in x order. */
  record Line(String colour, double[] x, double[] y) {}

  /** One point of a scatter; {@code front} points are drawn large and joined. */
  record Dot(double x, double y, boolean front, String title) {}

  /** A legend entry. */
  record Key(String colour, String label) {}

  static String colour(int i) {
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  /** Curves on shared axes. */
  static String lines(String title, String xLabel, List<Line> lines, List<Key> legend) {
    Axes a = new Axes();
    for (Line l : lines) for (int i = 0; i < l.x().length; i++) a.include(l.x()[i], l.y()[i]);
    StringBuilder b = open(title, xLabel, a, legend);
    for (Line l : lines) {
      StringBuilder pts = new StringBuilder();
      for (int i : extremes(l.y(), BUCKETS))
        pts.append(num(a.px(l.x()[i]))).append(',').append(num(a.py(l.y()[i]))).append(' ');
      b.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"")
          .append(l.colour())
          .append("\" points=\"")
          .append(pts.toString().strip())
          .append("\"/>\n");
    }
    return b.append("</svg>\n").toString();
  }

  /** Points, the front's joined by a step line (x: fewer is better, y: more is better). */
  static String scatter(String title, String xLabel, List<Dot> dots) {
    Axes a = new Axes();
    for (Dot d : dots) a.include(d.x(), d.y());
    StringBuilder b = open(title, xLabel, a, List.of());
    StringBuilder step = new StringBuilder();
    double prevY = Double.NaN;
    for (Dot d : dots) {
      if (!d.front()) continue;
      if (!Double.isNaN(prevY))
        step.append(num(a.px(d.x()))).append(',').append(num(prevY)).append(' ');
      step.append(num(a.px(d.x()))).append(',').append(num(a.py(d.y()))).append(' ');
      prevY = a.py(d.y());
    }
    if (!step.isEmpty())
      b.append("<polyline fill=\"none\" stroke=\"#d62728\" stroke-dasharray=\"4 3\" points=\"")
          .append(step.toString().strip())
          .append("\"/>\n");
    for (Dot d : dots)
      b.append("<circle cx=\"")
          .append(num(a.px(d.x())))
          .append("\" cy=\"")
          .append(num(a.py(d.y())))
          .append("\" r=\"")
          .append(d.front() ? 5 : 3)
          .append("\" fill=\"")
          .append(d.front() ? "#d62728" : "#1f77b4")
          .append("\"><title>")
          .append(Html.escape(d.title()))
          .append("</title></circle>\n");
    return b.append("</svg>\n").toString();
  }

  private static StringBuilder open(String title, String xLabel, Axes a, List<Key> legend) {
    int spacing = legendSpacing(legend);
    int columns = Math.max(1, Math.min(4, (W - LEFT) / spacing));
    int height = H + 16 * ((legend.size() + columns - 1) / columns);
    StringBuilder b =
        new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
            .append(W)
            .append("\" height=\"")
            .append(height)
            .append("\" viewBox=\"0 0 ")
            .append(W)
            .append(' ')
            .append(height)
            .append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
    b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    text(b, W / 2.0, 16, "middle", title, "font-size=\"13\"");
    int x0 = LEFT;
    int x1 = W - RIGHT;
    int y0 = H - BOTTOM;
    b.append("<path stroke=\"#888\" fill=\"none\" d=\"M")
        .append(x0)
        .append(',')
        .append(TOP)
        .append(" V")
        .append(y0)
        .append(" H")
        .append(x1)
        .append("\"/>\n");
    text(b, x0, y0 + 14, "start", fmt(a.xmin), "");
    text(b, x1, y0 + 14, "end", fmt(a.xmax), "");
    text(b, (x0 + x1) / 2.0, y0 + 30, "middle", xLabel, "");
    text(b, x0 - 4, y0, "end", fmt(a.ymin), "");
    text(b, x0 - 4, TOP + 8, "end", fmt(a.ymax), "");
    for (int i = 0; i < legend.size(); i++) {
      double lx = LEFT + (i % columns) * (double) spacing;
      double ly = H + 4 + 16 * (i / columns);
      b.append("<rect x=\"")
          .append(num(lx))
          .append("\" y=\"")
          .append(num(ly - 9))
          .append("\" width=\"10\" height=\"10\" fill=\"")
          .append(legend.get(i).colour())
          .append("\"/>\n");
      text(b, lx + 14, ly, "start", legend.get(i).label(), "");
    }
    return b;
  }

  /**
   * The distance between legend entries side by side (up to 4 a line): 140 px, more for long labels
   * (a group of several parameters) at about 6.5 px a character.
   */
  private static int legendSpacing(List<Key> legend) {
    int longest = legend.stream().mapToInt(k -> k.label().length()).max().orElse(0);
    return Math.max(140, 14 + (int) Math.ceil(6.5 * longest) + 8);
  }

  private static void text(
      StringBuilder b, double x, double y, String anchor, String s, String extra) {
    b.append("<text x=\"")
        .append(num(x))
        .append("\" y=\"")
        .append(num(y))
        .append("\" text-anchor=\"")
        .append(anchor)
        .append('"')
        .append(extra.isEmpty() ? "" : " " + extra)
        .append('>')
        .append(Html.escape(s))
        .append("</text>\n");
  }

  /** The indices to draw: the first and the last, and each bucket's lowest and highest point. */
  static List<Integer> extremes(double[] y, int buckets) {
    int n = y.length;
    if (n <= 2 * buckets) {
      List<Integer> all = new ArrayList<>(n);
      for (int i = 0; i < n; i++) all.add(i);
      return all;
    }
    TreeSet<Integer> keep = new TreeSet<>(List.of(0, n - 1));
    for (int k = 0; k < buckets; k++) {
      int from = (int) ((long) k * n / buckets);
      int to = (int) ((long) (k + 1) * n / buckets);
      int lo = from;
      int hi = from;
      for (int i = from; i < to; i++) {
        if (y[i] < y[lo]) lo = i;
        if (y[i] > y[hi]) hi = i;
      }
      keep.add(lo);
      keep.add(hi);
    }
    return new ArrayList<>(keep);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%,d", (long) v);
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.4g", v);
  }

  /** The data range of a chart and its mapping onto the plot area. */
  private static final class Axes {
    double xmin = Double.POSITIVE_INFINITY;
    double xmax = Double.NEGATIVE_INFINITY;
    double ymin = Double.POSITIVE_INFINITY;
    double ymax = Double.NEGATIVE_INFINITY;

    void include(double x, double y) {
      if (!Double.isFinite(x) || !Double.isFinite(y)) return;
      xmin = Math.min(xmin, x);
      xmax = Math.max(xmax, x);
      ymin = Math.min(ymin, y);
      ymax = Math.max(ymax, y);
    }

    double px(double x) {
      return LEFT + (W - LEFT - RIGHT) * frac(x, xmin, xmax);
    }

    double py(double y) {
      return (H - BOTTOM) - (H - BOTTOM - TOP) * frac(y, ymin, ymax);
    }

    private static double frac(double v, double lo, double hi) {
      if (!(hi > lo)) return 0.5;
      return (v - lo) / (hi - lo);
    }
  }
}

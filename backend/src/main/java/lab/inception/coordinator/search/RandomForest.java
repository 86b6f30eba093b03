package lab.inception.coordinator.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A regression random forest (Breiman 2001) as scikit-learn builds it by default: bootstrap
 * samples, every feature considered at each split, splits by the largest variance reduction at
 * midpoints between observed values, grown until leaves are pure or hold one sample. Pure.
 */
final class RandomForest {

  /** One tree in arrays: node i splits on feature[i] at threshold[i], or is a leaf (feature −1). */
  record Tree(int[] feature, double[] threshold, int[] left, int[] right, double[] value) {}

  private RandomForest() {}

  static List<Tree> fit(double[][] x, double[] y, int trees, int maxDepth, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Tree> out = new ArrayList<>(trees);
    for (int t = 0; t < trees; t++) {
      int[] sample = new int[y.length];
      for (int i = 0; i < sample.length; i++) sample[i] = rnd.nextInt(y.length);
      out.add(new Builder(x, y, maxDepth).build(sample));
    }
    return out;
  }

  private static final class Builder {
    final double[][] x;
    final double[] y;
    final int maxDepth;
    final List<int[]> nodes = new ArrayList<>(); // {feature, left, right}
    final List<double[]> data = new ArrayList<>(); // {threshold, value}

    Builder(double[][] x, double[] y, int maxDepth) {
      this.x = x;
      this.y = y;
      this.maxDepth = maxDepth;
    }

    Tree build(int[] sample) {
      grow(sample, 0);
      int n = nodes.size();
      int[] f = new int[n], l = new int[n], r = new int[n];
      double[] th = new double[n], v = new double[n];
      for (int i = 0; i < n; i++) {
        f[i] = nodes.get(i)[0];
        l[i] = nodes.get(i)[1];
        r[i] = nodes.get(i)[2];
        th[i] = data.get(i)[0];
        v[i] = data.get(i)[1];
      }
      return new Tree(f, th, l, r, v);
    }

    private int grow(int[] idx, int depth) {
      int id = nodes.size();
      double mean = 0;
      for (int i : idx) mean += y[i];
      mean /= idx.length;
      nodes.add(new int[] {-1, -1, -1});
      data.add(new double[] {0, mean});
      if (idx.length < 2 || depth >= maxDepth) return id;
      int bestF = -1;
      double bestGain = 1e-12, bestT = 0;
      int features = x[0].length;
      Integer[] order = new Integer[idx.length];
      for (int f = 0; f < features; f++) {
        for (int i = 0; i < idx.length; i++) order[i] = idx[i];
        final int ff = f;
        Arrays.sort(order, (a, b) -> Double.compare(x[a][ff], x[b][ff]));
        double total = 0, totalSq = 0;
        for (int i : idx) {
          total += y[i];
          totalSq += y[i] * y[i];
        }
        double parent = totalSq - total * total / idx.length;
        double left = 0, leftSq = 0;
        for (int k = 0; k < order.length - 1; k++) {
          double yi = y[order[k]];
          left += yi;
          leftSq += yi * yi;
          double a = x[order[k]][f], b = x[order[k + 1]][f];
          if (a == b) continue;
          int nl = k + 1, nr = order.length - nl;
          double right = total - left, rightSq = totalSq - leftSq;
          double sse = (leftSq - left * left / nl) + (rightSq - right * right / nr);
          double gain = parent - sse;
          if (gain > bestGain) {
            bestGain = gain;
            bestF = f;
            bestT = 0.5 * (a + b);
          }
        }
      }
      if (bestF < 0) return id;
      List<Integer> l = new ArrayList<>(), r = new ArrayList<>();
      for (int i : idx) (x[i][bestF] <= bestT ? l : r).add(i);
      int li = grow(l.stream().mapToInt(Integer::intValue).toArray(), depth + 1);
      int ri = grow(r.stream().mapToInt(Integer::intValue).toArray(), depth + 1);
      nodes.set(id, new int[] {bestF, li, ri});
      data.set(id, new double[] {bestT, mean});
      return id;
    }
  }
}

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import lab.inception.coordinator.search.Dimension;
import lab.inception.coordinator.search.Observation;
import lab.inception.coordinator.search.SearchSpace;
import lab.inception.coordinator.search.TpeSampler;
import lab.inception.coordinator.sweep.TpeSettings;

/**
 * Our samplers on the bench's test problems (the same definitions as optuna_peer.py), one JSON
 * line per run: best-so-far losses (quality), both objectives of every trial (mo), proposals per
 * second at a given history size (speed). Usage: SearchBench quality|mo|zoo|zoo-mo|speed [seeds]
 * [budget]. Samplers: ours-tpe is a sweep's default (joint kernels, neighbour bandwidths, 48
 * candidates); ours-tpe-24 the same with Optuna's 24; ours-tpe-scott Scott's bandwidths (Optuna's
 * multivariate rule); ours-tpe-univariate each dimension on its own (Optuna's default).
 */
public final class SearchBench {

  interface Problem {
    SearchSpace space();

    double[] loss(Map<String, Object> c);
  }

  static Dimension num(String name, double lo, double hi) {
    return new Dimension.Numeric(name, lo, hi, false, false, Set.of());
  }

  static Dimension cat(String name, String... values) {
    return new Dimension.Categorical(name, List.of((Object[]) values), Set.of());
  }

  static double d(Map<String, Object> c, String k) {
    return (Double) c.get(k);
  }

  /** Branin (min 0.397887) plus two categorical dimensions whose best choice adds nothing. */
  static final Problem BRANIN =
      new Problem() {
        final SearchSpace s =
            SearchSpace.of(num("x1", -5, 10), num("x2", 0, 15), cat("c1", "a", "b", "c"), cat("c2", "p", "q"));

        public SearchSpace space() {
          return s;
        }

        public double[] loss(Map<String, Object> c) {
          double x1 = d(c, "x1"), x2 = d(c, "x2");
          double b = 5.1 / (4 * Math.PI * Math.PI), cc = 5 / Math.PI, t = 1 / (8 * Math.PI);
          double f = Math.pow(x2 - b * x1 * x1 + cc * x1 - 6, 2) + 10 * (1 - t) * Math.cos(x1) + 10;
          f += switch ((String) c.get("c1")) {
            case "a" -> 0.0;
            case "b" -> 2.0;
            default -> 5.0;
          };
          f += "p".equals(c.get("c2")) ? 0.0 : 1.0;
          return new double[] {f};
        }
      };

  static final double[] HA = {1.0, 1.2, 3.0, 3.2};
  static final double[][] HA_A = {
    {10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}
  };
  static final double[][] HA_P = {
    {0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
    {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
    {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
    {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}
  };

  /** Hartmann-6 (min −3.32237) plus one categorical dimension. */
  static final Problem HARTMANN =
      new Problem() {
        final SearchSpace s =
            SearchSpace.of(
                num("x1", 0, 1), num("x2", 0, 1), num("x3", 0, 1), num("x4", 0, 1), num("x5", 0, 1),
                num("x6", 0, 1), cat("c", "a", "b", "c", "d"));

        public SearchSpace space() {
          return s;
        }

        public double[] loss(Map<String, Object> c) {
          double f = 0;
          for (int i = 0; i < 4; i++) {
            double e = 0;
            for (int j = 0; j < 6; j++) {
              double x = d(c, "x" + (j + 1));
              e += HA_A[i][j] * (x - HA_P[i][j]) * (x - HA_P[i][j]);
            }
            f -= HA[i] * Math.exp(-e);
          }
          f += switch ((String) c.get("c")) {
            case "a" -> 0.0;
            case "b" -> 0.3;
            case "c" -> 0.6;
            default -> 1.0;
          };
          return new double[] {f};
        }
      };

  /** ZDT1 over six variables: two objectives, both minimised. */
  static final Problem ZDT1 =
      new Problem() {
        final SearchSpace s =
            SearchSpace.of(
                num("x1", 0, 1), num("x2", 0, 1), num("x3", 0, 1), num("x4", 0, 1), num("x5", 0, 1),
                num("x6", 0, 1));

        public SearchSpace space() {
          return s;
        }

        public double[] loss(Map<String, Object> c) {
          double x1 = d(c, "x1"), sum = 0;
          for (int j = 2; j <= 6; j++) sum += d(c, "x" + j);
          double g = 1 + 9 * sum / 5;
          return new double[] {x1, g * (1 - Math.sqrt(x1 / g))};
        }
      };

  /**
   * The tabular benchmark (zoo-table.csv: real trials of the zoo on Fashion-MNIST, one per
   * configuration of its grid). The space is the one zoo-table.yaml declares, as a TPE sweep over
   * its parameters would search it (and as optuna_peer.py reads it): every column a categorical of
   * its values as written, lr included (the sweep lists four rates); a column empty for some models
   * applies to the others only (block: googlenet-tv). Losses: −val_accuracy, then MACs in millions.
   */
  static final class Zoo implements Problem {
    static final Path TABLE = Path.of(System.getProperty("zoo.table", "bench/search/zoo-table.csv"));
    static final List<String> SEARCHED =
        List.of("model", "block", "width", "optimizer", "lr", "labelSmoothing");

    final SearchSpace space;
    final Map<List<String>, double[]> losses = new HashMap<>();
    final boolean twoObjectives;

    Zoo(boolean twoObjectives) {
      this.twoObjectives = twoObjectives;
      List<String[]> rows = new ArrayList<>();
      try {
        List<String> lines = Files.readAllLines(TABLE);
        for (String line : lines.subList(1, lines.size())) rows.add(line.split(",", -1));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + TABLE, e);
      }
      List<Dimension> dims = new ArrayList<>();
      for (int j = 0; j < SEARCHED.size(); j++) {
        String name = SEARCHED.get(j);
        Set<Object> values = new LinkedHashSet<>();
        Set<String> models = new LinkedHashSet<>();
        boolean everywhere = true;
        for (String[] r : rows) {
          if (r[j].isEmpty()) everywhere = false;
          else {
            values.add(r[j]);
            models.add(r[0]);
          }
        }
        Set<String> applies = everywhere ? Set.of() : models;
        dims.add(new Dimension.Categorical(name, new ArrayList<>(values), applies));
      }
      space = new SearchSpace(dims, Map.of());
      for (String[] r : rows) {
        List<String> key = List.of(r).subList(0, SEARCHED.size());
        double acc = Double.parseDouble(r[SEARCHED.size()]);
        double macs = Double.parseDouble(r[SEARCHED.size() + 2]) / 1e6;
        losses.put(key, twoObjectives ? new double[] {-acc, macs} : new double[] {-acc});
      }
    }

    public SearchSpace space() {
      return space;
    }

    public double[] loss(Map<String, Object> c) {
      List<String> key = new ArrayList<>();
      for (String name : SEARCHED) {
        Object v = c.get(name);
        key.add(v == null ? "" : (String) v);
      }
      double[] l = losses.get(key);
      if (l == null) throw new IllegalStateException("not in " + TABLE + ": " + key);
      return l;
    }
  }

  static Problem problem(String name) {
    return switch (name) {
      case "branin" -> BRANIN;
      case "hartmann6" -> HARTMANN;
      case "zoo" -> new Zoo(false);
      case "zoo-mo" -> new Zoo(true);
      default -> ZDT1;
    };
  }

  public static void main(String[] args) {
    String mode = args[0];
    int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int budget = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    switch (mode) {
      case "quality" -> quality(List.of("branin", "hartmann6"), seeds, budget);
      case "mo" -> mo("zdt1", ZDT1, seeds, budget);
      case "zoo" -> quality(List.of("zoo"), seeds, budget);
      case "zoo-mo" -> mo("zoo", problem("zoo-mo"), seeds, budget);
      case "settings" -> settings(seeds, budget);
      default -> speed();
    }
  }

  static void quality(List<String> functions, int seeds, int budget) {
    for (String f : functions) {
      Problem p = problem(f);
      for (String sampler :
          List.of("ours-tpe", "ours-tpe-24", "ours-tpe-scott", "ours-tpe-univariate", "random")) {
        for (int seed = 0; seed < seeds; seed++) {
          List<double[]> l = run(p, sampler, seed, budget);
          double best = Double.POSITIVE_INFINITY;
          StringBuilder b = new StringBuilder();
          for (double[] x : l) {
            best = Math.min(best, x[0]);
            b.append(b.length() == 0 ? "" : ",").append(fmt(best));
          }
          System.out.printf(
              "{\"bench\":\"quality\",\"function\":\"%s\",\"sampler\":\"%s\",\"seed\":%d,\"best\":[%s]}%n",
              f, sampler, seed, b);
        }
      }
    }
  }

  /**
   * The choice of the defaults: each bandwidth rule (and univariate sampling) with 24, 32, 40 and
   * 48 candidates, on Branin and Hartmann-6; the same lines as quality, bench "settings".
   */
  static void settings(int seeds, int budget) {
    TpeSettings d = TpeSettings.defaults();
    for (String f : List.of("branin", "hartmann6")) {
      for (String rule : List.of("neighbour", "scott", "univariate")) {
        for (int candidates : new int[] {24, 32, 40, 48}) {
          TpeSettings s =
              rule.equals("univariate")
                  ? d.with(d.bandwidth(), candidates).withMultivariate(false)
                  : d.with(TpeSettings.Bandwidth.of(rule), candidates);
          for (int seed = 0; seed < seeds; seed++) {
            double best = Double.POSITIVE_INFINITY;
            StringBuilder b = new StringBuilder();
            for (double[] x : run(problem(f), s, seed, budget)) {
              best = Math.min(best, x[0]);
              b.append(b.length() == 0 ? "" : ",").append(fmt(best));
            }
            System.out.printf(
                "{\"bench\":\"settings\",\"function\":\"%s\",\"sampler\":\"%s, %d candidates\",\"seed\":%d,\"best\":[%s]}%n",
                f, rule, candidates, seed, b);
          }
        }
      }
    }
  }

  static void mo(String function, Problem p, int seeds, int budget) {
    for (String sampler : List.of("ours-motpe", "random")) {
      for (int seed = 0; seed < seeds; seed++) {
        StringBuilder b = new StringBuilder();
        for (double[] x : run(p, sampler, seed, budget)) {
          b.append(b.length() == 0 ? "" : ",").append("[" + fmt(x[0]) + "," + fmt(x[1]) + "]");
        }
        System.out.printf(
            "{\"bench\":\"mo\",\"function\":\"%s\",\"sampler\":\"%s\",\"seed\":%d,\"points\":[%s]}%n",
            function, sampler, seed, b);
      }
    }
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }

  static List<double[]> run(Problem p, String sampler, long seed, int budget) {
    TpeSettings d = TpeSettings.defaults();
    TpeSettings s =
        switch (sampler) {
          case "ours-tpe-univariate" -> d.withMultivariate(false);
          case "ours-tpe-scott" -> d.with(TpeSettings.Bandwidth.SCOTT, d.candidates());
          case "ours-tpe-24" -> d.with(d.bandwidth(), 24);
          case "random" -> null;
          default -> d;
        };
    return run(p, s, seed, budget);
  }

  /** A run of TPE with these settings, or of uniform random search (settings null). */
  static List<double[]> run(Problem p, TpeSettings s, long seed, int budget) {
    List<double[]> out = new ArrayList<>();
    List<Observation> h = new ArrayList<>();
    TpeSampler tpe = s == null ? null : new TpeSampler(p.space(), seed, s, c -> true);
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < budget; i++) {
      Map<String, Object> c = tpe == null ? p.space().uniform(rnd) : tpe.next(i, h).orElseThrow();
      double[] l = p.loss(c);
      out.add(l);
      h.add(Observation.complete(i, c, l));
    }
    return out;
  }

  /** Proposals per second with a history of n completed trials on Hartmann-6 (+ a category). */
  static void speed() {
    for (int n : new int[] {100, 1000, 10000}) {
      SplittableRandom rnd = new SplittableRandom(n);
      List<Observation> h = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Map<String, Object> c = HARTMANN.space().uniform(rnd);
        h.add(Observation.complete(i, c, HARTMANN.loss(c)));
      }
      TpeSampler tpe = new TpeSampler(HARTMANN.space(), 1);
      for (int i = 0; i < 20; i++) tpe.next(n + i, h); // warm-up (JIT)
      time("ours-tpe", n, k -> tpe.next(n + 20 + k, h));
      // a new sampler per proposal: every configuration read from its map again (a restarted
      // coordinator's first proposal; a running sweep's sampler remembers them)
      time("ours-tpe-cold", n, k -> new TpeSampler(HARTMANN.space(), 1).next(n + 20 + k, h));
    }
  }

  static void time(String sampler, int n, java.util.function.IntConsumer propose) {
    var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    int k = 0;
    long t0 = System.nanoTime(), c0 = cpu.getCurrentThreadCpuTime();
    while (k < 2000 && System.nanoTime() - t0 < 3_000_000_000L) propose.accept(k++);
    double perS = k / ((System.nanoTime() - t0) / 1e9);
    double perCpuS = k / ((cpu.getCurrentThreadCpuTime() - c0) / 1e9);
    System.out.printf(
        "{\"bench\":\"speed\",\"sampler\":\"%s\",\"n\":%d,\"proposals\":%d,\"per_s\":%.2f,\"per_cpu_s\":%.2f}%n",
        sampler, n, k, perS, perCpuS);
  }
}

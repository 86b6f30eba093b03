package lab.inception.coordinator.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import lab.inception.coordinator.sweep.TpeSettings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TpeSamplerTest {

  static final Dimension X = new Dimension.Numeric("x", -1, 1, false, false, Set.of());
  static final Dimension Y = new Dimension.Numeric("y", -1, 1, false, false, Set.of());

  /** A bowl with its minimum 0 at (0.3, −0.2). */
  static double bowl(Map<String, Object> c) {
    double x = (Double) c.get("x") - 0.3, y = (Double) c.get("y") + 0.2;
    return x * x + y * y;
  }

  static List<Observation> run(
      TpeSampler tpe,
      int n,
      Function<Map<String, Object>, Double> f,
      List<Map<String, Object>> seen) {
    List<Observation> h = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> c = tpe.next(i, h).orElseThrow();
      seen.add(c);
      h.add(Observation.complete(i, c, f.apply(c)));
    }
    return h;
  }

  static double best(List<Observation> h) {
    return h.stream().mapToDouble(o -> o.loss()[0]).min().orElseThrow();
  }

  @Test
  @DisplayName(
      "on a 2-d bowl, TPE's best after 60 trials is within 0.005 of the optimum on each of 5 seeds, and its last 20 proposals lie 3× closer than uniform draws (neighbour bandwidths keep exploring sparse regions)")
  void concentrates() {
    SearchSpace space = SearchSpace.of(X, Y);
    for (long seed = 0; seed < 5; seed++) {
      List<Map<String, Object>> seen = new ArrayList<>();
      List<Observation> h = run(new TpeSampler(space, seed), 60, TpeSamplerTest::bowl, seen);
      assertThat(best(h)).as("seed " + seed).isLessThan(0.005);
      double tpeLate =
          median(seen.subList(40, 60).stream().mapToDouble(TpeSamplerTest::bowl).toArray());
      SplittableRandom r = new SplittableRandom(seed);
      double[] uniform = new double[200];
      for (int i = 0; i < uniform.length; i++) uniform[i] = bowl(space.uniform(r));
      assertThat(tpeLate).as("seed " + seed).isLessThan(median(uniform) / 3);
    }
  }

  static double median(double[] v) {
    double[] s = v.clone();
    java.util.Arrays.sort(s);
    return s[s.length / 2];
  }

  @Test
  @DisplayName("the same seed and history give the same proposals; another seed other ones")
  void reproducible() {
    SearchSpace space = SearchSpace.of(X, Y);
    List<Map<String, Object>> a = new ArrayList<>(), b = new ArrayList<>(), c = new ArrayList<>();
    run(new TpeSampler(space, 7), 30, TpeSamplerTest::bowl, a);
    run(new TpeSampler(space, 7), 30, TpeSamplerTest::bowl, b);
    run(new TpeSampler(space, 8), 30, TpeSamplerTest::bowl, c);
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
  }

  @Test
  @DisplayName(
      "multivariate kernels keep the good combinations (x low with y high, or the reverse); univariate sampling mixes them, proposing the corners no good trial had")
  void multivariateKeepsCombinations() {
    SearchSpace space = SearchSpace.of(X, Y);
    SplittableRandom r = new SplittableRandom(4);
    List<Observation> h = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      boolean good = i % 3 == 0;
      double x = good ? (i % 2 == 0 ? -0.6 : 0.6) + 0.05 * r.nextDouble() : 2 * r.nextDouble() - 1;
      double y = good ? -x + 0.05 * r.nextDouble() : 2 * r.nextDouble() - 1;
      h.add(Observation.complete(i, Map.of("x", x, "y", y), good ? 0.0 : 1.0));
    }
    for (boolean multivariate : new boolean[] {true, false}) {
      TpeSettings s = TpeSettings.defaults().withMultivariate(multivariate);
      TpeSampler tpe = new TpeSampler(space, 1, s, c -> true);
      int kept = 0, mixed = 0; // among proposals near the modes: opposite signs, or the same
      for (int i = 0; i < 200; i++) {
        Map<String, Object> c = tpe.next(60 + i, h).orElseThrow();
        double x = (Double) c.get("x"), y = (Double) c.get("y");
        if (Math.abs(Math.abs(x) - 0.6) > 0.2 || Math.abs(Math.abs(y) - 0.6) > 0.2) continue;
        if (x * y < 0) kept++;
        else mixed++;
      }
      double share = (double) mixed / (kept + mixed);
      if (multivariate) assertThat(share).as("multivariate, %d near", kept + mixed).isLessThan(0.1);
      else assertThat(share).as("univariate, %d near", kept + mixed).isGreaterThan(0.3);
    }
  }

  @Test
  @DisplayName(
      "on a space of lists only, TPE never proposes a configuration the sweep already has while a new one exists (12 distinct proposals from 12 configurations, startup and model-based alike), then repeats")
  void noRepeatsOnLists() {
    SearchSpace space =
        SearchSpace.of(
            new Dimension.Categorical("a", List.of("p", "q", "r"), Set.of()),
            new Dimension.Categorical("b", List.of(1, 2), Set.of()),
            new Dimension.Numeric("n", 1, 2, false, true, Set.of()));
    TpeSettings s = new TpeSettings(4, 48, true, TpeSettings.Bandwidth.NEIGHBOUR, true, 1.0, true);
    TpeSampler tpe = new TpeSampler(space, 2, s, c -> true);
    List<Observation> h = new ArrayList<>();
    java.util.Set<Map<String, Object>> distinct = new java.util.HashSet<>();
    for (int i = 0; i < 14; i++) {
      Map<String, Object> c = tpe.next(i, h).orElseThrow();
      if (i < 12) assertThat(distinct.add(c)).as("proposal %d %s", i, c).isTrue();
      h.add(Observation.complete(i, c, "p".equals(c.get("a")) ? 0.0 : 1.0));
    }
    assertThat(distinct).hasSize(12);
  }

  @Test
  @DisplayName(
      "a sampler that has read a history proposes, for another history under the same trial indices (new configuration objects), what a fresh sampler proposes: what it remembers of configurations never changes a proposal")
  void remembersNothingThatChangesProposals() {
    SearchSpace space = SearchSpace.of(X, Y);
    List<Observation> first =
        run(new TpeSampler(space, 3), 30, TpeSamplerTest::bowl, new ArrayList<>());
    SplittableRandom r = new SplittableRandom(99);
    List<Observation> second = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      Map<String, Object> c = space.uniform(r);
      second.add(Observation.complete(i, c, bowl(c)));
    }
    TpeSampler used = new TpeSampler(space, 5);
    for (int i = 30; i < 35; i++) used.next(i, first);
    for (int i = 30; i < 35; i++) {
      assertThat(used.next(i, second)).isEqualTo(new TpeSampler(space, 5).next(i, second));
    }
    // and the same objects again (remembered rows) give the same as a fresh read
    assertThat(used.next(40, first)).isEqualTo(new TpeSampler(space, 5).next(40, first));
  }

  @Test
  @DisplayName(
      "a parameter conditional on the model is proposed exactly where it applies, and learned there")
  void conditional() {
    Dimension model =
        new Dimension.Categorical("model", List.of("googlenet", "bn-inception"), Set.of());
    Dimension block =
        new Dimension.Categorical(
            "block", List.of("reduced", "naive", "naive-projected"), Set.of("googlenet"));
    SearchSpace space = new SearchSpace(List.of(model, block, X), Map.of("stem", "small"));
    Function<Map<String, Object>, Double> f =
        c -> {
          double x = (Double) c.get("x");
          if (c.get("model").equals("bn-inception")) return 1.0 + x * x;
          return x * x + (c.get("block").equals("naive") ? 0.0 : 0.5);
        };
    List<Map<String, Object>> seen = new ArrayList<>();
    run(new TpeSampler(space, 3), 60, f, seen);
    for (Map<String, Object> c : seen) {
      assertThat(c.containsKey("block"))
          .as(c.toString())
          .isEqualTo(c.get("model").equals("googlenet"));
    }
    long naiveLate =
        seen.subList(30, 60).stream()
            .filter(c -> "googlenet".equals(c.get("model")) && "naive".equals(c.get("block")))
            .count();
    assertThat(naiveLate)
        .as("the best block, learned from googlenet trials only")
        .isGreaterThan(15);
  }

  @Test
  @DisplayName("an infeasible configuration is never proposed, also when the optimum lies outside")
  void constraints() {
    SearchSpace space = SearchSpace.of(X, Y);
    // the bowl's minimum (0.3, −0.2) is outside x + y ≤ −0.5
    TpeSampler tpe =
        new TpeSampler(
            space,
            1,
            TpeSettings.defaults(),
            c -> (Double) c.get("x") + (Double) c.get("y") <= -0.5);
    List<Map<String, Object>> seen = new ArrayList<>();
    run(tpe, 50, TpeSamplerTest::bowl, seen);
    assertThat(seen)
        .allSatisfy(
            c -> assertThat((Double) c.get("x") + (Double) c.get("y")).isLessThanOrEqualTo(-0.5));
    TpeSampler none = new TpeSampler(space, 1, TpeSettings.defaults(), c -> false);
    assertThat(none.next(0, List.of())).isEmpty();
    assertThat(
            none.next(
                20, run(new TpeSampler(space, 1), 20, TpeSamplerTest::bowl, new ArrayList<>())))
        .isEmpty();
  }

  @Test
  @DisplayName("integer and log-scale values stay whole and inside their ranges")
  void integerAndLog() {
    Dimension n = new Dimension.Numeric("n", 1, 64, true, true, Set.of());
    Dimension lr = new Dimension.Numeric("lr", 1e-4, 1e-1, true, false, Set.of());
    SearchSpace space = SearchSpace.of(n, lr);
    List<Map<String, Object>> seen = new ArrayList<>();
    run(
        new TpeSampler(space, 5),
        40,
        c ->
            Math.abs(Math.log((Long) c.get("n") / 8.0))
                + Math.abs(Math.log((Double) c.get("lr") / 0.01)),
        seen);
    assertThat(seen)
        .allSatisfy(
            c -> {
              assertThat((Long) c.get("n")).isBetween(1L, 64L);
              assertThat((Double) c.get("lr")).isBetween(1e-4, 1e-1);
            });
    assertThat(
            seen.subList(20, 40).stream()
                .filter(c -> (Long) c.get("n") >= 4 && (Long) c.get("n") <= 16)
                .count())
        .isGreaterThan(10);
  }

  @Test
  @DisplayName(
      "the split ranks completed trials first, then pruned ones by deeper rung and value, pending ones last")
  void split() {
    SearchSpace space = SearchSpace.of(X);
    TpeSampler tpe = new TpeSampler(space, 0);
    Map<String, Object> c = Map.of("x", 0.0);
    List<Observation> obs = new ArrayList<>();
    obs.add(Observation.pending(0, c));
    obs.add(Observation.pruned(1, c, 1, -0.9));
    obs.add(Observation.pruned(2, c, 3, -0.1));
    obs.add(Observation.complete(3, c, 5.0));
    for (int i = 4; i < 10; i++) obs.add(Observation.pending(i, c));
    for (int i = 10; i < 40; i++) obs.add(Observation.pruned(i, c, 1, 0.0));
    // 33 finished (pending ones do not count, as in Optuna): gamma = 4 below
    List<Observation> below = tpe.split(obs).get(0);
    assertThat(below).extracting(Observation::index).containsExactly(1, 2, 3, 10);
  }

  @Test
  @DisplayName(
      "with two objectives, TPE's front after 80 trials has more hypervolume than random search's on 5 seeds")
  void multiObjective() {
    // ZDT1-like: minimise f1 = x, f2 = g·(1 − √(x/g)), g = 1 + 9·mean(y, z)
    Dimension z = new Dimension.Numeric("z", 0, 1, false, false, Set.of());
    Dimension x = new Dimension.Numeric("x", 0, 1, false, false, Set.of());
    Dimension y = new Dimension.Numeric("y", 0, 1, false, false, Set.of());
    SearchSpace space = SearchSpace.of(x, y, z);
    Function<Map<String, Object>, double[]> f =
        c -> {
          double a = (Double) c.get("x");
          double g = 1 + 9 * ((Double) c.get("y") + (Double) c.get("z")) / 2;
          return new double[] {a, g * (1 - Math.sqrt(a / g))};
        };
    int wins = 0;
    for (long seed = 0; seed < 5; seed++) {
      TpeSampler tpe = new TpeSampler(space, seed);
      List<Observation> h = new ArrayList<>();
      List<double[]> tpeLoss = new ArrayList<>(), rndLoss = new ArrayList<>();
      SplittableRandom r = new SplittableRandom(seed);
      for (int i = 0; i < 80; i++) {
        Map<String, Object> c = tpe.next(i, h).orElseThrow();
        double[] l = f.apply(c);
        tpeLoss.add(l);
        h.add(Observation.complete(i, c, l));
        rndLoss.add(f.apply(space.uniform(r)));
      }
      double[] ref = {1.1, 11};
      if (Pareto.hypervolume(tpeLoss, ref) > Pareto.hypervolume(rndLoss, ref)) wins++;
    }
    assertThat(wins).isEqualTo(5);
  }
}

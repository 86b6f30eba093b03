package lab.inception.coordinator.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import lab.inception.coordinator.sweep.TpeSettings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our Parzen estimator's log density against Optuna 3.1's own {@code _ParzenEstimator} (Debian's
 * python3-optuna, run by {@code src/test/python/parzen_reference.py}; CI installs it). Without
 * Optuna the test fails, on purpose.
 */
class ParzenEstimatorTest {

  static final String PYTHON = "/usr/bin/python3";

  static final List<Dimension> SPACE =
      List.of(
          new Dimension.Numeric("x", -5, 10, false, false, Set.of()),
          new Dimension.Numeric("lr", 1e-4, 1, true, false, Set.of()),
          new Dimension.Categorical("c", List.of("a", "b", "c"), Set.of()),
          new Dimension.Numeric("y", 0, 1, false, false, Set.of()));

  @ParameterizedTest(
      name = "Optuna multivariate {0} (ours: Scott's rule, else neighbour gaps), {1} observations")
  @CsvSource({"true, 3", "false, 3", "true, 40", "false, 40", "true, 3000", "false, 3000"})
  @DisplayName(
      "the log density at 60 points (random, on observations, at the range's ends) equals Optuna 3.1's _ParzenEstimator.log_pdf to 1e-6, with Optuna's default weights")
  void matchesOptuna(boolean multivariate, int n) throws Exception {
    SplittableRandom r = new SplittableRandom(n);
    double[][] x = new double[SPACE.size()][n];
    // observations clustered near one corner, so kernels sit near the ends and overlap
    for (int i = 0; i < n; i++) {
      x[0][i] = Math.min(10, -5 + 15 * Math.pow(r.nextDouble(), 3));
      x[1][i] = Math.log(1e-4) + (Math.log(1) - Math.log(1e-4)) * r.nextDouble();
      x[2][i] = r.nextInt(3);
      x[3][i] = r.nextDouble() < 0.2 ? 0.0 : r.nextDouble();
    }
    double[][] points = new double[60][];
    for (int p = 0; p < points.length; p++) {
      int k = r.nextInt(n);
      points[p] =
          switch (p % 3) {
            case 0 ->
                new double[] {
                  -5 + 15 * r.nextDouble(), -9 * r.nextDouble(), r.nextInt(3), r.nextDouble()
                };
            case 1 -> new double[] {x[0][k], x[1][k], x[2][k], x[3][k]};
            default ->
                new double[] {p % 2 == 0 ? -5 : 10, p % 2 == 0 ? Math.log(1e-4) : 0, 0, p % 2};
          };
    }
    // Optuna's multivariate estimator has Scott's bandwidths; its univariate one neighbour gaps,
    // with the same joint kernels in its log density: our two bandwidth rules
    TpeSettings s =
        TpeSettings.defaults()
            .with(multivariate ? TpeSettings.Bandwidth.SCOTT : TpeSettings.Bandwidth.NEIGHBOUR, 24);
    double[] ours = new ParzenEstimator(SPACE, x, TpeSampler.weights(n), s).logPdf(points);
    double[] optuna = optuna(multivariate, x, points);
    for (int p = 0; p < points.length; p++) {
      assertThat(ours[p])
          .as("point %d %s", p, java.util.Arrays.toString(points[p]))
          .isCloseTo(optuna[p], org.assertj.core.data.Offset.offset(1e-6));
    }
  }

  @Test
  @DisplayName(
      "the prior kernel's term never exceeds the log density (the bound TPE ranks candidates by before scoring them under g), for both bandwidth rules")
  void priorTermBoundsTheDensity() {
    SplittableRandom r = new SplittableRandom(5);
    for (TpeSettings.Bandwidth rule : TpeSettings.Bandwidth.values()) {
      for (int n : new int[] {1, 30, 2000}) {
        double[][] x = new double[SPACE.size()][n];
        for (int i = 0; i < n; i++) {
          x[0][i] = -5 + 15 * r.nextDouble();
          x[1][i] = Math.log(1e-4) * r.nextDouble();
          x[2][i] = r.nextInt(3);
          x[3][i] = r.nextDouble();
        }
        ParzenEstimator pe =
            new ParzenEstimator(
                SPACE, x, TpeSampler.weights(n), TpeSettings.defaults().with(rule, 24));
        for (int p = 0; p < 200; p++) {
          double[] at =
              p % 2 == 0
                  ? pe.sample(r)
                  : new double[] {x[0][p % n], x[1][p % n], x[2][p % n], r.nextDouble()};
          assertThat(pe.priorTerm(at))
              .as("%s, %d observations", rule, n)
              .isLessThanOrEqualTo(pe.logPdf(at));
        }
      }
    }
  }

  @Test
  @DisplayName("log Φ from the table is within 1.2e-7 of log of the exact Φ on [0, 12]")
  void logCdfTable() {
    for (double v = 0; v <= 12; v += 1e-4) {
      assertThat(Normal.logCdfPositive(v))
          .as("x = %s", v)
          .isCloseTo(Math.log(Normal.cdf(v)), org.assertj.core.data.Offset.offset(1.2e-7));
    }
  }

  /** Optuna's log densities; categorical values go as indices, log dimensions as values. */
  static double[] optuna(boolean multivariate, double[][] x, double[][] points) throws Exception {
    JsonObject space = new JsonObject();
    JsonObject obs = new JsonObject(), at = new JsonObject();
    for (int j = 0; j < SPACE.size(); j++) {
      Dimension d = SPACE.get(j);
      space.put(
          d.name(),
          d instanceof Dimension.Numeric nd
              ? new JsonObject().put("low", nd.min()).put("high", nd.max()).put("log", nd.log())
              : new JsonObject().put("choices", ((Dimension.Categorical) d).choices().size()));
      JsonArray o = new JsonArray(), p = new JsonArray();
      for (double v : x[j]) o.add(external(d, v));
      for (double[] point : points) p.add(external(d, point[j]));
      obs.put(d.name(), o);
      at.put(d.name(), p);
    }
    String req =
        new JsonObject()
            .put("multivariate", multivariate)
            .put("space", space)
            .put("observations", obs)
            .put("points", at)
            .encode();
    Process py =
        new ProcessBuilder(PYTHON, "src/test/python/parzen_reference.py")
            .redirectErrorStream(true)
            .start();
    py.getOutputStream().write(req.getBytes(StandardCharsets.UTF_8));
    py.getOutputStream().close();
    String out = new String(py.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(py.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(py.exitValue())
        .as("%s parzen_reference.py failed (needs Debian's python3-optuna):%n%s", PYTHON, out)
        .isZero();
    JsonArray lp = new JsonObject(out.strip()).getJsonArray("logPdf");
    double[] res = new double[lp.size()];
    for (int i = 0; i < res.length; i++) res[i] = lp.getDouble(i);
    return res;
  }

  private static Object external(Dimension d, double internal) {
    if (d instanceof Dimension.Categorical) return (int) internal;
    return ((Dimension.Numeric) d).log() ? Math.exp(internal) : internal;
  }
}

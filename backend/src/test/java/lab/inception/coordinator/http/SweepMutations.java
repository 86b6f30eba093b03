package lab.inception.coordinator.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lab.inception.coordinator.sweep.SweepParser;
import lab.inception.worker.data.DatasetCatalog;
import lab.inception.worker.protocol.Metric;
import lab.inception.worker.train.TrialParameter;

/**
 * Sweep files for {@code POST /api/sweeps}: a valid one, and that one with every field of the sweep
 * file (the top level, each trial parameter of the table, each early-stopping field, and a field
 * that does not exist) removed or set to each of {@link FuzzValues}'s values.
 */
final class SweepMutations {

  /** Set {@code path} (dotted) to {@code value}, or remove it. */
  record Mutation(String path, Object value, boolean remove) {
    @Override
    public String toString() {
      return remove ? "-" + path : path + "=" + shortly(value);
    }
  }

  private SweepMutations() {}

  /** A valid sweep: two trials sampled from a range and a list. */
  static Map<String, Object> valid() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("model", "googlenet");
    p.put("epochs", 1L);
    p.put("lr", new LinkedHashMap<>(Map.of("min", 0.001, "max", 0.1, "scale", "log")));
    p.put("batchSize", new ArrayList<>(List.of(32L, 64L)));
    Map<String, Object> stop = new LinkedHashMap<>();
    stop.put("type", "asha");
    stop.put("metric", "val_accuracy");
    stop.put("mode", "max");
    stop.put("gracePeriod", 1L);
    stop.put("reductionFactor", 3L);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("name", "fuzz");
    s.put("description", "generated");
    s.put("dataset", "synthetic-shapes");
    s.put("method", "random");
    s.put("maxTrials", 2L);
    s.put("maxConcurrent", 1L);
    s.put("seed", 7L);
    s.put("parameters", p);
    s.put("earlyStopping", stop);
    return s;
  }

  /** Every single mutation, in a fixed order. */
  static List<Mutation> all() {
    List<Mutation> out = new ArrayList<>();
    for (String f : sorted(SweepParser.fields())) field(f, own(f), out);
    for (String k : TrialParameter.keys()) {
      TrialParameter p = TrialParameter.of(k).orElseThrow();
      List<Object> own = new ArrayList<>(FuzzValues.boundaries(p));
      if (p.type().numeric()) own.addAll(ranges(p));
      if (p == TrialParameter.DATASET) own.addAll(DATASETS);
      field("parameters." + k, own, out);
    }
    for (String f : sorted(SweepParser.earlyStoppingFields())) {
      field("earlyStopping." + f, own(f), out);
    }
    for (String extra : List.of("bogus", "parameters.bogus", "earlyStopping.bogus")) {
      out.add(new Mutation(extra, "x", false));
    }
    return out;
  }

  /**
   * Small counts and the one above the trial cap. The cap itself is left out: a random sweep of
   * 10,000 trials is valid, and each one accepted would dominate the run's time and heap
   * (bench/reliability submits those).
   */
  private static final List<Object> INTS =
      List.of(0L, 1L, 2L, 3L, 100L, (long) SweepParser.MAX_TRIALS + 1);

  /** Image folders the fuzz server's datasets root has ({@code pets}) and has not. */
  private static final List<Object> DATASETS =
      List.of("imagefolder:pets", "imagefolder:./pets/", "imagefolder:../..", "imagefolder:/");

  /** Valid and near-valid values of a top-level or early-stopping field. */
  private static List<Object> own(String field) {
    List<Object> out = new ArrayList<>(INTS);
    switch (field) {
      case "method" -> out.addAll(List.of("grid", "random", "tpe", "GRID"));
      case "dataset" -> {
        out.addAll(DatasetCatalog.names());
        out.addAll(DATASETS);
      }
      case "type" -> out.addAll(List.of("none", "asha", "median"));
      case "metric" -> out.addAll(Metric.epochKeys());
      case "mode" -> out.addAll(List.of("min", "max"));
      default -> {}
    }
    return out;
  }

  /** Ranges {min, max, scale} of a numeric parameter: its edges, reversed, log from 0. */
  private static List<Object> ranges(TrialParameter p) {
    double lo = p.range().map(r -> r.min()).filter(d -> d != null).orElse(0.0);
    double hi = p.range().map(r -> r.max()).filter(d -> d != null).orElse(lo + 1);
    return List.of(
        Map.of("min", lo, "max", hi),
        Map.of("min", lo, "max", hi, "scale", "log"),
        Map.of("min", hi, "max", lo),
        Map.of("min", lo - 1, "max", hi + 1),
        Map.of("min", "NaN", "max", 1L),
        Map.of("min", lo, "max", hi, "step", 1L));
  }

  private static void field(String path, List<Object> own, List<Mutation> out) {
    out.add(new Mutation(path, null, true));
    for (Object v : own) out.add(new Mutation(path, v, false));
    for (Object v : FuzzValues.all()) out.add(new Mutation(path, v, false));
  }

  /** The valid sweep with these mutations applied. */
  static Map<String, Object> apply(List<Mutation> ms) {
    Map<String, Object> s = valid();
    for (Mutation m : ms) apply(s, m);
    return s;
  }

  @SuppressWarnings("unchecked")
  private static void apply(Map<String, Object> s, Mutation m) {
    String[] parts = m.path().split("\\.", 2);
    Map<String, Object> target = s;
    String key = parts[0];
    if (parts.length == 2) {
      if (!(s.get(parts[0]) instanceof Map<?, ?> inner)) return; // the parent was replaced
      target = (Map<String, Object>) inner;
      key = parts[1];
    }
    if (m.remove()) target.remove(key);
    else target.put(key, m.value());
  }

  /** 1 to 4 mutations drawn from {@code all}. */
  static List<Mutation> random(List<Mutation> all, Random rnd) {
    int n = 1 + rnd.nextInt(4);
    List<Mutation> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(all.get(rnd.nextInt(all.size())));
    return out;
  }

  private static List<String> sorted(java.util.Set<String> s) {
    return s.stream().sorted().toList();
  }

  static String shortly(Object v) {
    String s = v instanceof FuzzValues.Raw r ? r.literal() : String.valueOf(v);
    s = s.replaceAll("\\p{Cntrl}", "?");
    return s.length() > 40 ? s.substring(0, 40) + "…(" + s.length() + ")" : s;
  }
}

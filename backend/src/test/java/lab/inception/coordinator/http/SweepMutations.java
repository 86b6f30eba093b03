package lab.inception.coordinator.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lab.inception.coordinator.sweep.SweepParser;
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

  /** A valid sweep: a grid of two trials. */
  static Map<String, Object> valid() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("model", "googlenet");
    p.put("epochs", 1L);
    p.put("lr", new ArrayList<>(List.of(0.1, 0.01)));
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
    s.put("method", "grid");
    s.put("maxTrials", 4L);
    s.put("maxConcurrent", 1L);
    s.put("seed", 7L);
    s.put("parameters", p);
    s.put("earlyStopping", stop);
    return s;
  }

  /** Every single mutation, in a fixed order. */
  static List<Mutation> all() {
    List<Mutation> out = new ArrayList<>();
    List<Object> ints = List.of(0L, 1L, 2L, 100L, (long) SweepParser.MAX_TRIALS, 10_001L);
    for (String f : sorted(SweepParser.fields())) field(f, ints, out);
    for (String k : TrialParameter.keys()) {
      field("parameters." + k, FuzzValues.boundaries(TrialParameter.of(k).orElseThrow()), out);
    }
    for (String f : sorted(SweepParser.earlyStoppingFields()))
      field("earlyStopping." + f, ints, out);
    for (String extra : List.of("bogus", "parameters.bogus", "earlyStopping.bogus")) {
      out.add(new Mutation(extra, "x", false));
    }
    return out;
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

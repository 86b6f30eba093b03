package lab.inception.coordinator.search;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Trials' configurations in the internal coordinates of a space's dimensions (NaN where a value is
 * absent or not one of the dimension's), with each one's model, read from a configuration's map
 * once and remembered by trial index. The scheduler hands a sampler the same decoded configuration
 * objects at every proposal, so a proposal over 10,000 trials reads flat arrays instead of 10,000
 * maps scattered over the heap; a row is read again whenever the object at its index is another one
 * (checked by identity), so the answer never depends on what was remembered.
 */
final class Coordinates {

  /** Columns in history order: [dimension of the space][observation], and each one's model. */
  record Table(double[][] columns, Object[] models) {}

  private final SearchSpace space;
  private final List<Dimension> dims;
  private Object[] configs = new Object[0];
  private Object[] models = new Object[0];
  private double[] values = new double[0]; // [index · dimensions + dimension]

  Coordinates(SearchSpace space) {
    this.space = space;
    this.dims = space.dimensions();
  }

  synchronized Table read(List<Observation> history) {
    int n = history.size(), d = dims.size();
    double[][] columns = new double[d][n];
    Object[] model = new Object[n];
    for (int i = 0; i < n; i++) {
      Observation o = history.get(i);
      Map<String, Object> config = o.config();
      int at = o.index();
      if (at < 0) { // not a trial of the sweep: read, not remembered
        model[i] = space.model(config);
        for (int j = 0; j < d; j++)
          columns[j][i] = dims.get(j).internal(config.get(dims.get(j).name()));
        continue;
      }
      if (at >= configs.length) grow(at);
      if (configs[at] != config) {
        for (int j = 0; j < d; j++) {
          values[at * d + j] = dims.get(j).internal(config.get(dims.get(j).name()));
        }
        models[at] = space.model(config);
        configs[at] = config;
      }
      for (int j = 0; j < d; j++) columns[j][i] = values[at * d + j];
      model[i] = models[at];
    }
    return new Table(columns, model);
  }

  private void grow(int at) {
    int size = Math.max(at + 1, 2 * configs.length);
    configs = Arrays.copyOf(configs, size);
    models = Arrays.copyOf(models, size);
    values = Arrays.copyOf(values, size * dims.size());
  }
}

import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lab.inception.worker.data.DataSplits;
import lab.inception.worker.data.Datasets;
import lab.inception.worker.train.TrainingListener;
import lab.inception.worker.train.TrainingRunner;
import lab.inception.worker.train.TrialConfig;
import lab.inception.worker.train.TrialResult;

/**
 * Our engine's training throughput on Fashion-MNIST batches, the same recipe as
 * torch_googlenet.py. Args: model block width threads steps warmup channelsLast(true|false)
 * [profile.json]. Prints one JSON line; with a last argument, also writes libtorch's profile of the
 * timed steps there (a Chrome trace: see profile.py).
 */
public class ThroughputBench {
  public static void main(String[] a) {
    String model = a[0];
    String block = a[1];
    double width = Double.parseDouble(a[2]);
    int threads = Integer.parseInt(a[3]);
    int steps = Integer.parseInt(a[4]);
    int warmup = Integer.parseInt(a[5]);
    boolean channelsLast = Boolean.parseBoolean(a[6]);
    String profile = a.length > 7 ? a[7] : null;
    int batch = 128;
    Map<String, Object> m = new HashMap<>();
    m.put("model", model);
    m.put("block", block);
    m.put("width", width);
    m.put("dataset", "fashion-mnist");
    m.put("limitTrain", batch * (steps + warmup));
    m.put("limitTest", batch);
    m.put("validationFraction", 0.0);
    m.put("epochs", 1);
    m.put("batchSize", batch);
    m.put("optimizer", "sgd");
    m.put("lr", 0.05);
    m.put("labelSmoothing", 0.1);
    m.put("auxWeight", 0.3);
    m.put("threads", threads);
    m.put("device", "cpu");
    TrialConfig cfg = TrialConfig.fromMap(m);
    DataSplits data =
        Datasets.load("fashion-mnist", null, 0, 0.0, 42, batch * (steps + warmup), batch);
    List<Double> secs = new ArrayList<>();
    TrainingListener timer =
        new TrainingListener() {
          @Override
          public Action onStep(StepMetrics s) {
            if (s.step() > warmup) secs.add(batch / s.imagesPerSec());
            if (profile != null && s.step() == warmup) JniUtils.startProfile(false, true, false);
            if (profile != null && s.step() == warmup + steps) JniUtils.stopProfile(profile);
            return Action.CONTINUE;
          }
        };
    TrialResult r =
        new TrainingRunner(cfg, data).channelsLast(channelsLast).listener(timer).run();
    double total = secs.stream().mapToDouble(Double::doubleValue).sum();
    System.out.printf(
        "{\"engine\": \"djl-0.36 libtorch-2.7.1\", \"model\": \"%s\", \"block\": \"%s\", \"width\": %s,"
            + " \"channelsLast\": %s, \"threads\": %d, \"imagesPerSec\": %.2f, \"params\": %d}%n",
        model, block, width, channelsLast, threads, batch * secs.size() / total, r.params());
  }
}

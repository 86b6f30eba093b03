package lab.inception.worker.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.XavierInitializer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import lab.inception.worker.cost.CostAnalyzer;
import lab.inception.worker.cost.CostReport;
import lab.inception.worker.data.Batcher;
import lab.inception.worker.data.DataSplits;
import lab.inception.worker.model.Autocast;
import lab.inception.worker.model.InceptionNet;
import lab.inception.worker.model.ModelConfig;
import lab.inception.worker.model.ModelZoo;
import lab.inception.worker.model.Precision;
import lab.inception.worker.weights.InitFrom;

/**
 * Trains one network of the zoo on one dataset with the Inception recipe, shaped like DJL's {@code
 * TrainMnist}: the data, a training configuration (loss, optimizer, devices), then the loop with
 * {@link Model} and {@link Trainer} in try-with-resources. Every step's arrays live in a
 * sub-manager closed after the step, so native memory stays flat. Plain Java: the trial process
 * ({@link TrialMain}) and the CLI run it; it knows nothing of Vert.x.
 */
public final class TrainingRunner {

  private final TrialConfig cfg;
  private final DataSplits data;
  private final List<TrainingListener> listeners = new ArrayList<>();
  private Path checkpointDir;
  private boolean resume;
  private Path initFrom;
  private boolean replaceHead;
  private boolean channelsLast = true;
  private PrintStream log = System.err;

  public TrainingRunner(TrialConfig cfg, DataSplits data) {
    this.cfg = cfg;
    this.data = data;
  }

  public TrainingRunner listener(TrainingListener l) {
    listeners.add(l);
    return this;
  }

  /**
   * Saves a checkpoint after every epoch into {@code dir}; with {@code resume}, starts from the
   * newest.
   */
  public TrainingRunner checkpoints(Path dir, boolean resume) {
    this.checkpointDir = dir;
    this.resume = resume;
    return this;
  }

  /**
   * Starts from saved parameters; {@code replaceHead} re-initialises classifiers that do not fit.
   */
  public TrainingRunner initFrom(Path from, boolean replaceHead) {
    this.initFrom = from;
    this.replaceHead = replaceHead;
    return this;
  }

  /** Feeds batches in channels-last memory layout (default) or plain NCHW. */
  public TrainingRunner channelsLast(boolean on) {
    this.channelsLast = on;
    return this;
  }

  /** Where warnings and notes go (stderr by default; never stdout). */
  public TrainingRunner log(PrintStream out) {
    this.log = out;
    return this;
  }

  /** The zoo configuration of this trial for the dataset's input and classes. */
  public static ModelConfig modelConfig(TrialConfig cfg, DataSplits data) {
    if (ModelZoo.spec(cfg.model()).singleBlock()) {
      throw new IllegalArgumentException(
          "model "
              + cfg.model()
              + " is a single inception block, not a classifier; train one of "
              + String.join(
                  ", ",
                  ModelZoo.names().stream().filter(n -> !ModelZoo.spec(n).singleBlock()).toList()));
    }
    boolean aux = cfg.auxWeight() > 0 && ModelZoo.spec(cfg.model()).hasAux();
    ModelConfig mc =
        new ModelConfig(
            cfg.model(),
            data.channels(),
            data.height(),
            data.width(),
            data.classes(),
            aux,
            cfg.width(),
            parse(() -> ModelConfig.Stem.parse(cfg.stem()), "stem", cfg.stem(), "imagenet, small"),
            parse(
                () -> ModelConfig.BlockKind.parse(cfg.block()),
                "block",
                cfg.block(),
                String.join(", ", ModelConfig.BlockKind.labels())));
    if (!ModelZoo.spec(cfg.model()).takesBlockKind()) {
      mc =
          new ModelConfig(
              mc.model(),
              mc.channels(),
              mc.height(),
              mc.width(),
              mc.classes(),
              aux,
              mc.widthMultiplier(),
              mc.stem(),
              ModelConfig.BlockKind.REDUCED);
    }
    ModelZoo.validate(mc);
    if (!CostAnalyzer.fits(mc)) {
      throw new IllegalArgumentException(
          cfg.model()
              + " with stem "
              + cfg.stem()
              + " does not accept "
              + data.height()
              + "×"
              + data.width()
              + " images (smallest input: "
              + ModelZoo.smallestInput(mc)
              + "; use --image-size or --stem small)");
    }
    return mc;
  }

  private static <T> T parse(
      java.util.function.Supplier<T> p, String what, String value, String allowed) {
    try {
      return p.get();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "unknown " + what + " '" + value + "'; expected " + allowed);
    }
  }

  private static void check(TrialConfig c) {
    if (c.epochs() < 1)
      throw new IllegalArgumentException("epochs must be ≥ 1 (got " + c.epochs() + ")");
    if (c.batchSize() < 1)
      throw new IllegalArgumentException("batchSize must be ≥ 1 (got " + c.batchSize() + ")");
  }

  /** Runs the training and the final test evaluation. */
  public TrialResult run() {
    check(cfg);
    long start = System.nanoTime();
    Engines.configureThreads(cfg.threads());
    // Autograd is on by default in every thread libtorch has not seen, and DJL switches it off
    // only in the thread that loads the engine: training on another thread would then build
    // graphs in evaluation and update leaf parameters in place under autograd (an error).
    JniUtils.setGradMode(false);
    ModelConfig mc = modelConfig(cfg, data);
    CostReport cost = CostAnalyzer.analyze(mc);
    RecipeOptimizer.Kind kind = RecipeOptimizer.Kind.parse(cfg.optimizer());
    Precision precision = Precision.parse(cfg.precision());
    RecipeLoss loss = new RecipeLoss(cfg.auxWeight(), cfg.labelSmoothing());
    Device device = Engines.device(cfg.device());
    if (precision == Precision.BF16 && !device.isGpu() && !CpuFeatures.hasBf16()) {
      log.println(
          "warning: precision bf16 on a CPU without AVX-512-BF16 or AMX (no avx512_bf16 or"
              + " amx_bf16 in /proc/cpuinfo): bfloat16 convolutions are emulated there and run"
              + " slower than fp32");
    }
    float[] padValue = new float[data.channels()];
    for (int c = 0; c < padValue.length; c++) padValue[c] = -data.mean()[c] / data.std()[c];
    Batcher trainBatches =
        new Batcher(data.train(), cfg.batchSize(), true, cfg.augment(), cfg.seed(), padValue);
    int stepsPerEpoch = trainBatches.batches();
    LrSchedule schedule =
        LrSchedule.of(cfg.schedule(), cfg.lr(), cfg.warmupEpochs(), cfg.epochs(), stepsPerEpoch);

    Engine.getEngine("PyTorch").setRandomSeed((int) cfg.seed());
    Block block = ModelZoo.build(mc);
    try (Model model = Model.newInstance(cfg.model(), device, "PyTorch")) {
      model.setBlock(block);
      RecipeOptimizer optimizer =
          new RecipeOptimizer(
              kind, cfg.momentum(), cfg.nesterov(), cfg.weightDecay(), model.getNDManager());
      DefaultTrainingConfig tc =
          new DefaultTrainingConfig(loss)
              .optOptimizer(optimizer)
              .optDevices(new Device[] {device})
              // He initialisation (normal, fan-in, gain 2) for every conv and linear weight: the
              // standard for ReLU networks; deep nets without BN (the paper's GoogLeNet) stall
              // under DJL's default Xavier.
              .optInitializer(
                  new XavierInitializer(
                      XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2),
                  Parameter.Type.WEIGHT);
      try (Trainer trainer = model.newTrainer(tc)) {
        // Logit layers start small (normal, σ 0.01, as torchvision's GoogLeNet): with He
        // initialisation there the first losses of the deep nets without batch norm reach
        // several times ln(classes) and their ReLUs die before they learn.
        if (block instanceof InceptionNet net) {
          for (Block c : net.classifiers()) {
            c.setInitializer(new NormalInitializer(0.01f), Parameter.Type.WEIGHT);
          }
        }
        trainer.initialize(new Shape(1, data.channels(), data.height(), data.width()));
        optimizer.nameParameters(block);
        Loop loop =
            new Loop(
                trainer, block, optimizer, loss, schedule, trainBatches, cost, padValue, start);
        try (Autocast scope = Autocast.enter(precision)) {
          return loop.run();
        }
      }
    }
  }

  /** The state of one training loop. */
  private final class Loop {
    final Trainer trainer;
    final Block block;
    final RecipeOptimizer optimizer;
    final RecipeLoss loss;
    final LrSchedule schedule;
    final Batcher trainBatches;
    final CostReport cost;
    final float[] padValue;
    final long start;
    final TestTimeAugmentation tta = TestTimeAugmentation.parse(cfg.tta());
    int firstEpoch = 1;
    long step;
    double bestVal = Double.NaN;
    double lastVal = Double.NaN;
    double trainSeconds;
    long trainImages;
    int epochsDone;
    List<Parameter> trainable;

    Loop(
        Trainer trainer,
        Block block,
        RecipeOptimizer optimizer,
        RecipeLoss loss,
        LrSchedule schedule,
        Batcher trainBatches,
        CostReport cost,
        float[] padValue,
        long start) {
      this.trainer = trainer;
      this.block = block;
      this.optimizer = optimizer;
      this.loss = loss;
      this.schedule = schedule;
      this.trainBatches = trainBatches;
      this.cost = cost;
      this.padValue = padValue;
      this.start = start;
    }

    TrialResult run() {
      if (initFrom != null) InitFrom.load(block, cfg.model(), initFrom, replaceHead, log);
      if (resume) restore();
      // After any weights are loaded: loading writes NCHW arrays.
      if (channelsLast) WeightLayout.channelsLast(trainable());
      long total = (long) cfg.epochs() * trainBatches.batches();
      for (TrainingListener l : listeners) l.onStart(cost.params(), cost.macs(), firstEpoch, total);
      boolean stopped = false;
      for (int epoch = firstEpoch; epoch <= cfg.epochs() && !stopped; epoch++) {
        stopped = trainEpoch(epoch);
        epochsDone = epoch;
      }
      double[] test = evaluate(data.test());
      double seconds = (System.nanoTime() - start) / 1e9;
      return new TrialResult(
          test[1],
          test[2],
          bestVal,
          lastVal,
          seconds,
          trainSeconds > 0 ? trainImages / trainSeconds : 0,
          cost.params(),
          cost.macs(),
          epochsDone,
          stopped);
    }

    private void restore() {
      Path cp = Checkpoints.latest(checkpointDir);
      if (cp == null) return;
      try {
        Properties st = Checkpoints.readState(cp);
        Checkpoints.restoreParams(block, cp);
        try (NDList opt = Checkpoints.readOptimizer(cp, trainer.getManager())) {
          optimizer.importState(opt);
        }
        firstEpoch = Integer.parseInt(st.getProperty("epoch")) + 1;
        epochsDone = firstEpoch - 1;
        step = Long.parseLong(st.getProperty("step"));
        bestVal = Double.parseDouble(st.getProperty("bestValAccuracy"));
        lastVal = Double.parseDouble(st.getProperty("finalValAccuracy"));
        trainSeconds = Double.parseDouble(st.getProperty("trainSeconds"));
        trainImages = Long.parseLong(st.getProperty("trainImages"));
        log.println(
            "resuming from " + cp + " (epoch " + (firstEpoch - 1) + " done, step " + step + ")");
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException(
            "cannot resume from checkpoint " + cp + ": " + e.getMessage(), e);
      }
    }

    /** One epoch; returns whether a listener stopped training. */
    private boolean trainEpoch(int epoch) {
      long epochStart = System.nanoTime();
      // Dropout draws from the engine's generator: seeding it per epoch makes a resumed run
      // draw the same masks as an uninterrupted one.
      Engine.getEngine("PyTorch").setRandomSeed((int) (cfg.seed() * 1_000_003L + epoch));
      int batches = trainBatches.batches();
      double lossSum = 0;
      double auxSum = 0;
      double totalSum = 0;
      boolean stop = false;
      double epochTrainSeconds = 0;
      long epochImages = 0;
      for (int b = 0; b < batches && !stop; b++) {
        long t0 = System.nanoTime();
        Batcher.HostBatch hb = trainBatches.batch(epoch, b);
        double lr = schedule.at(step);
        optimizer.prepareStep(lr, step + 1);
        float lossValue;
        float mainValue;
        float auxValue = Float.NaN;
        try (NDManager sm = trainer.getManager().newSubManager()) {
          NDList batch = hb.toNDList(sm, channelsLast);
          NDList grads;
          // The collector records the forward pass's graph; the gradients are computed from it
          // without accumulating into the parameters (Gradients).
          try (GradientCollector gc = trainer.newGradientCollector()) {
            NDList preds = trainer.forward(new NDList(batch.get(0)));
            RecipeLoss.Parts parts = loss.evaluate(preds, batch.get(1));
            grads = Gradients.of(parts.total(), trainable(), sm);
            lossValue = parts.total().getFloat();
            mainValue = parts.main() == parts.total() ? lossValue : parts.main().getFloat();
            if (parts.aux() != null) auxValue = parts.aux().getFloat();
          }
          if (cfg.gradClip() > 0) {
            optimizer.scaleGradients(RecipeOptimizer.clipScale(grads, cfg.gradClip(), sm));
          }
          optimizer.step(trainable(), grads);
        }
        if (!Float.isFinite(lossValue)) {
          throw new TrainingDiverged(
              "training diverged: loss is "
                  + lossValue
                  + " at step "
                  + (step + 1)
                  + " (lower the lr?)");
        }
        step++;
        double dt = (System.nanoTime() - t0) / 1e9;
        epochTrainSeconds += dt;
        epochImages += hb.size();
        lossSum += mainValue;
        auxSum += auxValue;
        totalSum += lossValue;
        var sm =
            new TrainingListener.StepMetrics(
                step, epoch, b + 1, batches, mainValue, auxValue, lossValue, lr, hb.size() / dt);
        for (TrainingListener l : listeners) {
          if (l.onStep(sm) == TrainingListener.Action.STOP) stop = true;
        }
      }
      trainSeconds += epochTrainSeconds;
      trainImages += epochImages;
      int done = (int) Math.max(1, epochImages / Math.max(1, cfg.batchSize()));
      double[] val = evaluate(data.validation());
      if (!Double.isNaN(val[1])) {
        lastVal = val[1];
        bestVal = Double.isNaN(bestVal) ? val[1] : Math.max(bestVal, val[1]);
      }
      var em =
          new TrainingListener.EpochMetrics(
              epoch,
              cfg.epochs(),
              step,
              lossSum / done,
              auxSum / done,
              totalSum / done,
              val[0],
              val[1],
              val[2],
              epochImages / epochTrainSeconds,
              (System.nanoTime() - epochStart) / 1e9);
      for (TrainingListener l : listeners) {
        if (l.onEpoch(em) == TrainingListener.Action.STOP) stop = true;
      }
      if (checkpointDir != null) saveCheckpoint(epoch);
      return stop;
    }

    /** The parameters the optimizer updates. */
    private List<Parameter> trainable() {
      if (trainable == null) {
        trainable = new ArrayList<>();
        for (var p : block.getParameters()) {
          if (p.getValue().requiresGradient()) trainable.add(p.getValue());
        }
      }
      return trainable;
    }

    private void saveCheckpoint(int epoch) {
      Properties st = new Properties();
      st.setProperty("epoch", Integer.toString(epoch));
      st.setProperty("step", Long.toString(step));
      st.setProperty("bestValAccuracy", Double.toString(bestVal));
      st.setProperty("finalValAccuracy", Double.toString(lastVal));
      st.setProperty("trainSeconds", Double.toString(trainSeconds));
      st.setProperty("trainImages", Long.toString(trainImages));
      st.setProperty("model", cfg.model());
      CheckpointNetwork.put(st, cost.config());
      try {
        Path dir = Checkpoints.write(checkpointDir, epoch, block, optimizer, st);
        for (TrainingListener l : listeners) l.onCheckpoint(epoch, dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write checkpoint to " + checkpointDir, e);
      }
    }

    /**
     * Main-head loss (the trial's criterion), top-1 and top-5 accuracy of the trial's test-time
     * augmentation's scores; NaNs for an empty set.
     */
    private double[] evaluate(lab.inception.worker.data.ImageSet set) {
      if (set.size() == 0) return new double[] {Double.NaN, Double.NaN, Double.NaN};
      Batcher batches = new Batcher(set, cfg.batchSize(), false, false, 0, padValue);
      double lossSum = 0;
      long top1 = 0;
      long top5 = 0;
      for (int b = 0; b < batches.batches(); b++) {
        Batcher.HostBatch hb = batches.batch(0, b);
        try (NDManager sm = trainer.getManager().newSubManager()) {
          NDList batch = hb.toNDList(sm, channelsLast);
          NDArray logits = tta.scores(x -> trainer.evaluate(new NDList(x)).get(0), batch.get(0));
          NDArray labels = batch.get(1);
          lossSum +=
              RecipeLoss.crossEntropy(logits, labels, cfg.labelSmoothing()).getFloat() * hb.size();
          top1 += logits.argMax(1).toType(DataType.INT32, false).eq(labels).sum().getLong();
          NDArray truth =
              logits.mul(labels.oneHot((int) logits.getShape().get(1))).sum(new int[] {1}, true);
          NDArray rank = logits.gt(truth).toType(DataType.INT32, false).sum(new int[] {1});
          top5 += rank.lt(5).sum().getLong();
        }
      }
      return new double[] {
        lossSum / set.size(), (double) top1 / set.size(), (double) top5 / set.size()
      };
    }
  }
}

package lab.inception.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import lab.inception.worker.data.DataSplits;
import lab.inception.worker.train.Engines;
import lab.inception.worker.train.TrainingListener;
import lab.inception.worker.train.TrainingRunner;
import lab.inception.worker.train.TrialConfig;
import lab.inception.worker.train.TrialParameter;
import lab.inception.worker.train.TrialResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code inception train}: one trial in this process, with a progress bar per epoch on stderr, a
 * line per epoch and a final summary (or one JSON object with {@code --json}).
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Train one model on one dataset in this process.",
    sortOptions = false)
public final class TrainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--checkpoint-dir", description = "save a checkpoint there after every epoch")
  Path checkpointDir;

  @Option(
      names = "--resume",
      description = "continue from the newest checkpoint in --checkpoint-dir")
  boolean resume;

  @Option(
      names = "--init-from",
      description = "start from saved weights: checkpoint dir, params.bin, .pth/.pt, .safetensors")
  Path initFrom;

  @Option(
      names = "--replace-head",
      description = "with --init-from: new classifiers for this dataset's classes")
  boolean replaceHead;

  @Option(names = "--json", description = "print one JSON object instead of the tables")
  boolean json;

  /**
   * Adds one option per trial parameter of {@link TrialParameter}'s table to the train command:
   * {@code --aux-weight}, {@code --no-augment}, ... with the table's doc and default. Called once
   * on the command's spec before parsing.
   */
  static void addParameterOptions(CommandSpec spec) {
    for (TrialParameter p : TrialParameter.values()) {
      OptionSpec.Builder b =
          OptionSpec.builder(p.option())
              .type(javaType(p))
              .paramLabel(label(p))
              .required(p == TrialParameter.MODEL)
              .description(describe(p));
      if (p.type() == TrialParameter.Type.BOOLEAN) b.negatable(true).arity("0");
      spec.addOption(b.build());
    }
  }

  private static Class<?> javaType(TrialParameter p) {
    return switch (p.type()) {
      case NUMBER -> Double.class;
      case INTEGER -> p.defaultValue() instanceof Long ? Long.class : Integer.class;
      case BOOLEAN -> Boolean.class;
      default -> String.class;
    };
  }

  private static String label(TrialParameter p) {
    return switch (p.type()) {
      case CHOICE -> String.join("|", p.choices());
      case DATASET -> String.join("|", p.choices()) + "|imagefolder:PATH";
      case SCHEDULE -> "SCHEDULE";
      case PATH -> "DIR";
      case NUMBER -> "X";
      case INTEGER -> "N";
      default -> "VALUE";
    };
  }

  private static String describe(TrialParameter p) {
    String d = p.doc();
    if (p.models().isPresent()) d += "; for " + String.join(", ", p.models().get());
    if (p.type() == TrialParameter.Type.BOOLEAN) {
      return d + " (default: " + (Boolean.TRUE.equals(p.defaultValue()) ? "on" : "off") + ")";
    }
    // the train command requires --model, so it has no default here
    return p.defaultValue() == null || p == TrialParameter.MODEL
        ? d
        : d + " (default: " + p.defaultsText() + ")";
  }

  /** The trial config: the table's defaults overlaid with every option given. */
  TrialConfig config() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (TrialParameter p : TrialParameter.values()) {
      OptionSpec o = spec.findOption(p.option());
      Object v = o == null ? null : o.getValue();
      if (v == null) continue;
      String why = p.whyNot(v);
      if (why != null) throw new IllegalArgumentException(p.option() + ": " + why);
      m.put(p.key(), v);
    }
    return TrialConfig.fromMap(m);
  }

  @Override
  public Integer call() {
    if (resume && checkpointDir == null) {
      throw new IllegalArgumentException("--resume needs --checkpoint-dir");
    }
    if (replaceHead && initFrom == null) {
      throw new IllegalArgumentException("--replace-head needs --init-from");
    }
    TrialConfig cfg = config();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Engines.configureThreads(cfg.threads());
    DataSplits data = cfg.loadData();
    err.printf(
        Locale.ROOT,
        "%s on %s: %d training, %d validation, %d test images of %d×%d×%d, %d classes%n",
        cfg.model(),
        cfg.dataset(),
        data.train().size(),
        data.validation().size(),
        data.test().size(),
        data.channels(),
        data.height(),
        data.width(),
        data.classes());
    Progress progress = new Progress(err);
    TrainingRunner runner = new TrainingRunner(cfg, data).listener(progress);
    if (checkpointDir != null) runner.checkpoints(checkpointDir, resume);
    if (initFrom != null) runner.initFrom(initFrom, replaceHead);
    TrialResult r = runner.run();
    if (json) {
      JsonObject o = new JsonObject().put("config", new JsonObject(cfg.toMap()));
      r.toMap().forEach((k, v) -> o.put(k, finite(v)));
      o.put("history", progress.history);
      out.println(o.encode());
    } else {
      out.printf(
          Locale.ROOT,
          "test accuracy %.2f%% (top-5 %.2f%%)  best val %.2f%%  params %,d  MACs %s  %.0f images/s  wall time %s%n",
          100 * r.testAccuracy(),
          100 * r.testTop5(),
          100 * r.bestValAccuracy(),
          r.params(),
          human(r.macs()),
          r.imagesPerSec(),
          clock(r.seconds()));
    }
    out.flush();
    return 0;
  }

  private static Object finite(Object v) {
    return v instanceof Double d && !Double.isFinite(d) ? null : v;
  }

  static String human(long n) {
    if (n >= 1_000_000_000L) return String.format(Locale.ROOT, "%.2fG", n / 1e9);
    if (n >= 1_000_000L) return String.format(Locale.ROOT, "%.1fM", n / 1e6);
    if (n >= 1_000L) return String.format(Locale.ROOT, "%.1fK", n / 1e3);
    return Long.toString(n);
  }

  static String clock(double seconds) {
    Duration d = Duration.ofMillis((long) (seconds * 1000));
    return String.format(
        Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
  }

  /** The progress bar on stderr and the per-epoch lines; keeps the history for --json. */
  static final class Progress implements TrainingListener {
    private final PrintWriter err;
    final JsonArray history = new JsonArray();
    private long epochStart;

    Progress(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void onStart(long params, long macs, int firstEpoch, long totalSteps) {
      err.printf(
          Locale.ROOT,
          "params %,d  MACs %s  starting at epoch %d%n",
          params,
          human(macs),
          firstEpoch);
      err.flush();
      epochStart = System.nanoTime();
    }

    @Override
    public Action onStep(StepMetrics s) {
      if (s.batch() == 1) epochStart = System.nanoTime();
      double elapsed = (System.nanoTime() - epochStart) / 1e9;
      double eta = elapsed / s.batch() * (s.batches() - s.batch());
      int width = 30;
      int filled = (int) Math.round(width * (double) s.batch() / s.batches());
      err.printf(
          Locale.ROOT,
          "\repoch %d [%s%s] %d/%d  %.0f img/s  loss %.4f  ETA %s ",
          s.epoch(),
          "#".repeat(filled),
          ".".repeat(width - filled),
          s.batch(),
          s.batches(),
          s.imagesPerSec(),
          s.loss(),
          clock(eta));
      err.flush();
      return Action.CONTINUE;
    }

    @Override
    public Action onEpoch(EpochMetrics e) {
      err.printf(
          Locale.ROOT,
          "%nepoch %d/%d  train loss (main) %.4f%s  val loss %.4f  top-1 %.2f%%  top-5 %.2f%%  %.0f img/s  %.1f s%n",
          e.epoch(),
          e.epochs(),
          e.trainLoss(),
          Double.isNaN(e.trainAuxLoss())
              ? ""
              : String.format(
                  Locale.ROOT, " (aux %.4f, total %.4f)", e.trainAuxLoss(), e.trainTotalLoss()),
          e.valLoss(),
          100 * e.valAccuracy(),
          100 * e.valTop5(),
          e.imagesPerSec(),
          e.seconds());
      err.flush();
      history.add(
          new JsonObject()
              .put("epoch", e.epoch())
              .put("trainLoss", finite(e.trainLoss()))
              .put("auxLoss", finite(e.trainAuxLoss()))
              .put("totalLoss", finite(e.trainTotalLoss()))
              .put("valLoss", finite(e.valLoss()))
              .put("valAccuracy", finite(e.valAccuracy()))
              .put("valTop5", finite(e.valTop5()))
              .put("imagesPerSec", finite(e.imagesPerSec())));
      return Action.CONTINUE;
    }

    @Override
    public void onCheckpoint(int epoch, Path dir) {
      err.println("checkpoint " + dir);
      err.flush();
    }
  }
}

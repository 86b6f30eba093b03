package lab.inception.worker.train;

import java.util.Locale;

/**
 * The learning rate at every optimizer step: linear warm-up from lr/warmupSteps to lr, then {@code
 * constant}, {@code cosine} (to 0 at the last step), or {@code step} decay by a factor every few
 * epochs. {@code step} alone means ×0.1 at each third of training; {@code step:E:F} means ×F every
 * E epochs (Inception-v3: {@code step:2:0.94}).
 *
 * @param kind constant, cosine or step
 * @param lr base learning rate
 * @param warmupSteps steps of linear warm-up (0: none)
 * @param totalSteps steps of the whole training
 * @param decayEverySteps step schedule: steps between decays
 * @param decayFactor step schedule: multiplier at each decay
 */
public record LrSchedule(
    String kind,
    double lr,
    long warmupSteps,
    long totalSteps,
    long decayEverySteps,
    double decayFactor) {

  /** The schedule of a trial given its steps per epoch. */
  public static LrSchedule of(
      String spec, double lr, double warmupEpochs, int epochs, int stepsPerEpoch) {
    String s = spec == null ? "constant" : spec.trim().toLowerCase(Locale.ROOT);
    long total = (long) epochs * stepsPerEpoch;
    long warmup = Math.round(warmupEpochs * stepsPerEpoch);
    if (!(lr > 0)) throw new IllegalArgumentException("lr must be > 0 (got " + lr + ")");
    if (warmupEpochs < 0) throw new IllegalArgumentException("warmupEpochs must be ≥ 0");
    if (s.equals("constant") || s.equals("cosine")) {
      return new LrSchedule(s, lr, warmup, total, 0, 1);
    }
    if (s.equals("step")) {
      long every = Math.max(1, Math.round(Math.max(1, epochs / 3.0) * stepsPerEpoch));
      return new LrSchedule("step", lr, warmup, total, every, 0.1);
    }
    if (s.startsWith("step:")) {
      String[] p = s.split(":");
      try {
        double everyEpochs = Double.parseDouble(p[1]);
        double factor = p.length > 2 ? Double.parseDouble(p[2]) : 0.1;
        if (everyEpochs > 0 && factor > 0 && p.length <= 3) {
          return new LrSchedule(
              "step",
              lr,
              warmup,
              total,
              Math.max(1, Math.round(everyEpochs * stepsPerEpoch)),
              factor);
        }
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        // fall through to the error below
      }
    }
    throw new IllegalArgumentException(
        "unknown schedule '" + spec + "'; expected constant, cosine, step or step:EPOCHS:FACTOR");
  }

  /** The learning rate of step {@code step} (0-based, counted from the start of training). */
  public double at(long step) {
    if (step < warmupSteps) return lr * (step + 1) / warmupSteps;
    return switch (kind) {
      case "cosine" -> {
        long span = Math.max(1, totalSteps - warmupSteps);
        double t = Math.min(1.0, (double) (step - warmupSteps) / span);
        yield lr * 0.5 * (1 + Math.cos(Math.PI * t));
      }
      case "step" -> lr * Math.pow(decayFactor, (double) ((step - warmupSteps) / decayEverySteps));
      default -> lr;
    };
  }
}

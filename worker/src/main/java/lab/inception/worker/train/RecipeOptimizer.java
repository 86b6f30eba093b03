package lab.inception.worker.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.IValue;
import ai.djl.training.optimizer.Optimizer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import lab.inception.worker.model.ScriptKernel;

/**
 * SGD (momentum, Nesterov), Adam, AdamW and RMSProp with the update rules of PyTorch's {@code
 * torch.optim} (weight decay as L2 on the gradient, decoupled for AdamW), driven by a learning rate
 * the runner sets each step. Its state (moment buffers, step count) can be exported and restored,
 * so a resumed run continues exactly where a checkpoint left off. RMSProp uses the Inception-v3
 * paper's decay 0.9 and ε = 1.0.
 */
public final class RecipeOptimizer extends Optimizer {

  /** The optimizers a trial may name. */
  public enum Kind {
    SGD,
    ADAM,
    ADAMW,
    RMSPROP;

    public static Kind parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException(
            "unknown optimizer '" + s + "'; expected sgd, adam, adamw or rmsprop");
      }
    }
  }

  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double ADAM_EPS = 1e-8;
  private static final double RMS_DECAY = 0.9;
  private static final double RMS_EPS = 1.0;

  private final Kind kind;
  private final double momentum;
  private final boolean nesterov;
  private final double weightDecay;
  private final NDManager stateManager;
  private final Map<String, NDArray> state = new LinkedHashMap<>();
  private final Map<String, String> names = new java.util.HashMap<>();
  private final Set<String> laidOut = new HashSet<>();
  private double lr;
  private long step;
  private double gradScale = 1;

  /**
   * @param stateManager owns the moment buffers (they live as long as the training)
   */
  public RecipeOptimizer(
      Kind kind, double momentum, boolean nesterov, double weightDecay, NDManager stateManager) {
    super(new Builder());
    if (momentum < 0 || momentum >= 1)
      throw new IllegalArgumentException("momentum must be in [0, 1)");
    if (weightDecay < 0) throw new IllegalArgumentException("weightDecay must be ≥ 0");
    this.kind = kind;
    this.momentum = momentum;
    this.nesterov = nesterov;
    this.weightDecay = weightDecay;
    this.stateManager = stateManager;
  }

  /**
   * Keys the state by each parameter's path in the block tree: DJL's parameter ids are random per
   * process, the paths are stable, so a restored state finds its parameters again.
   */
  public void nameParameters(ai.djl.nn.Block block) {
    for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : block.getParameters()) {
      names.put(p.getValue().getId(), p.getKey());
    }
  }

  /** Sets the learning rate and the 1-based step count of the next update. */
  public void prepareStep(double learningRate, long stepNumber) {
    this.lr = learningRate;
    this.step = stepNumber;
    this.gradScale = 1;
  }

  /**
   * The factor that brings the global L2 norm of {@code gradients} down to {@code maxNorm}, 1 when
   * it is below (as {@code torch.nn.utils.clip_grad_norm_}): one reduction per array on its device
   * and one read of the total.
   */
  public static double clipScale(List<NDArray> gradients, double maxNorm, NDManager m) {
    NDList sums = new NDList();
    try (NDManager scratch = m.newSubManager()) {
      for (NDArray g : gradients) {
        NDArray sq = g.square();
        sq.attach(scratch);
        NDArray sum = sq.sum();
        sum.attach(scratch);
        sums.add(sum);
      }
      NDArray all = NDArrays.stack(sums);
      all.attach(scratch);
      NDArray total = all.sum();
      total.attach(scratch);
      double norm = Math.sqrt(total.getFloat());
      return norm > maxNorm ? maxNorm / (norm + 1e-6) : 1;
    }
  }

  /**
   * Multiplies every gradient of the next update by {@code scale} before weight decay and momentum
   * (gradient clipping by global norm).
   */
  public void scaleGradients(double scale) {
    this.gradScale = scale;
  }

  /**
   * One update of every parameter from its gradient (as {@link Gradients#of} gives them, in the
   * same order), bypassing DJL's parameter server (which hands {@link #update} a copy of each
   * gradient). The gradients are only read: autograd's may be expanded views, or one array shared
   * by two parameters. SGD, the lab's default, runs as one call of the {@link #SGD_KERNEL} kernel
   * over all parameters, with PyTorch's scaled adds ({@code add(y, alpha=a)}; one temporary a
   * parameter); the other rules run {@link #update} on each gradient. The result equals {@link
   * #update}'s.
   *
   * @param parameters the trainable parameters
   * @param gradients their gradients, one per parameter
   */
  public void step(List<Parameter> parameters, List<NDArray> gradients) {
    if (gradients.size() != parameters.size()) {
      throw new IllegalArgumentException(
          gradients.size() + " gradients for " + parameters.size() + " parameters");
    }
    if (kind == Kind.SGD) {
      sgdStep(parameters, gradients);
      return;
    }
    for (int i = 0; i < parameters.size(); i++) {
      Parameter p = parameters.get(i);
      update(p.getId(), p.getArray(), gradients.get(i));
    }
  }

  /**
   * SGD over lists of weights, their gradients and momentum buffers, as {@code torch.optim.SGD}'s
   * loop: g ← g·scale + wd·w; buf ← μ·buf + g; w ← w − lr·(g + μ·buf) (Nesterov) or w − lr·buf. The
   * first of those that writes g writes a new array, and the rest update that one in place, so a
   * parameter costs one temporary, never a write into autograd's gradient. Runs in inference mode,
   * so the in-place updates of the leaves are not recorded.
   */
  private static final String SGD_KERNEL =
      """
          def forward(self: __torch__.Kernel,
              ws: List[Tensor],
              gs: List[Tensor],
              bufs: List[Tensor],
              lr: float,
              momentum: float,
              wd: float,
              scale: float,
              nesterov: bool) -> bool:
            for i in range(torch.len(ws)):
              w = ws[i]
              g = gs[i]
              if scale != 1.:
                g = torch.mul(g, scale)
                if wd != 0.:
                  g = torch.add_(g, w, alpha=wd)
              elif wd != 0.:
                g = torch.add(g, w, alpha=wd)
              owned = scale != 1. or wd != 0.
              if momentum != 0.:
                buf = torch.add_(torch.mul_(bufs[i], momentum), g)
                if nesterov:
                  if owned:
                    g = torch.add_(g, buf, alpha=momentum)
                  else:
                    g = torch.add(g, buf, alpha=momentum)
                  _0 = torch.add_(w, g, alpha=torch.neg(lr))
                else:
                  _1 = torch.add_(w, buf, alpha=torch.neg(lr))
              else:
                _2 = torch.add_(w, g, alpha=torch.neg(lr))
            return True
          """;

  private void sgdStep(List<Parameter> parameters, List<NDArray> gradients) {
    int n = parameters.size();
    PtNDArray[] ws = new PtNDArray[n];
    PtNDArray[] gs = new PtNDArray[n];
    PtNDArray[] bufs = new PtNDArray[momentum > 0 ? n : 0];
    for (int i = 0; i < n; i++) {
      Parameter p = parameters.get(i);
      ws[i] = (PtNDArray) p.getArray();
      gs[i] = (PtNDArray) gradients.get(i);
      if (momentum > 0) {
        bufs[i] = (PtNDArray) buffer(names.getOrDefault(p.getId(), p.getId()) + ".momentum", ws[i]);
      }
    }
    ScriptKernel.of(SGD_KERNEL)
        .run(
            "forward",
            IValue.listFrom(ws),
            IValue.listFrom(gs),
            IValue.listFrom(bufs),
            IValue.from(lr),
            IValue.from(momentum),
            IValue.from(weightDecay),
            IValue.from(gradScale),
            IValue.from(nesterov));
  }

  @Override
  public void update(String parameterId, NDArray weight, NDArray grad) {
    String id = names.getOrDefault(parameterId, parameterId);
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray g = gradScale == 1 ? grad : grad.mul((float) gradScale);
      if (weightDecay > 0 && kind != Kind.ADAMW) g = g.add(weight.mul((float) weightDecay));
      switch (kind) {
        case SGD -> sgd(id, weight, g);
        case ADAM, ADAMW -> adam(id, weight, g);
        case RMSPROP -> rmsprop(id, weight, g);
        default -> throw new IllegalStateException();
      }
    }
  }

  private void sgd(String id, NDArray w, NDArray g) {
    if (momentum == 0) {
      w.subi(g.mul((float) lr));
      return;
    }
    NDArray buf = buffer(id + ".momentum", w);
    buf.muli((float) momentum).addi(g);
    NDArray d = nesterov ? g.add(buf.mul((float) momentum)) : buf;
    w.subi(d.mul((float) lr));
  }

  private void adam(String id, NDArray w, NDArray g) {
    if (kind == Kind.ADAMW && weightDecay > 0) w.muli((float) (1 - lr * weightDecay));
    NDArray m = buffer(id + ".m", w);
    NDArray v = buffer(id + ".v", w);
    m.muli((float) BETA1).addi(g.mul((float) (1 - BETA1)));
    v.muli((float) BETA2).addi(g.square().muli((float) (1 - BETA2)));
    double bc1 = 1 - Math.pow(BETA1, step);
    double bc2 = 1 - Math.pow(BETA2, step);
    NDArray denom = v.div((float) bc2).sqrt().addi((float) ADAM_EPS);
    w.subi(m.div(denom).muli((float) (lr / bc1)));
  }

  private void rmsprop(String id, NDArray w, NDArray g) {
    NDArray sq = buffer(id + ".square", w);
    sq.muli((float) RMS_DECAY).addi(g.square().muli((float) (1 - RMS_DECAY)));
    NDArray d = g.div(sq.sqrt().addi((float) RMS_EPS));
    if (momentum > 0) {
      NDArray buf = buffer(id + ".momentum", w);
      buf.muli((float) momentum).addi(d);
      d = buf;
    }
    w.subi(d.mul((float) lr));
  }

  /**
   * The state array {@code key}, zeros on first use, laid out as {@code like} (an imported one too,
   * once).
   */
  private NDArray buffer(String key, NDArray like) {
    NDArray b = state.get(key);
    if (b == null) {
      b = stateManager.zeros(like.getShape(), like.getDataType(), like.getDevice());
      NDScope.unregister(b);
      state.put(key, b);
    }
    if (laidOut.add(key)) WeightLayout.match(b, like);
    return b;
  }

  /** The optimizer state as named arrays (for checkpoints). */
  public NDList exportState() {
    NDList list = new NDList();
    for (Map.Entry<String, NDArray> e : state.entrySet()) {
      NDArray copy = e.getValue().duplicate();
      copy.setName(e.getKey());
      list.add(copy);
    }
    return list;
  }

  /** Restores state exported by {@link #exportState()}. */
  public void importState(NDList list) {
    for (NDArray a : list) {
      NDArray b = stateManager.zeros(a.getShape(), a.getDataType(), stateManager.getDevice());
      a.copyTo(b);
      NDArray old = state.put(a.getName(), b);
      laidOut.remove(a.getName());
      if (old != null) old.close();
    }
  }

  private static final class Builder extends OptimizerBuilder<Builder> {
    @Override
    protected Builder self() {
      return this;
    }
  }
}

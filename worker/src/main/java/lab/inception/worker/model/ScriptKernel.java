package lab.inception.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A small TorchScript module written from source ({@link TorchScriptArchive}) and loaded once per
 * process: the way the zoo and the optimizer reach libtorch operations DJL 0.36's NDArray API lacks
 * (a bfloat16 cast, a scaled in-place add, a parameter's memory layout). Two ways to call it:
 *
 * <ul>
 *   <li>{@link #apply} runs {@code forward} on arrays as a layer does: autograd records it when the
 *       thread records a graph;
 *   <li>{@link #run} and {@link #call} run any method on {@link IValue}s in inference mode (no
 *       graph), for in-place updates of parameters and for gradients of a graph already recorded.
 * </ul>
 */
public final class ScriptKernel {

  /** Kernels by source; loaded into one manager that lives as long as the process. */
  private static final Map<String, ScriptKernel> LOADED = new ConcurrentHashMap<>();

  private static NDManager manager;

  private final PtSymbolBlock module;

  private ScriptKernel(PtSymbolBlock module) {
    this.module = module;
  }

  /**
   * The kernel with these methods, compiled on first use.
   *
   * @param methods serialized TorchScript methods of class {@code __torch__.Kernel} (see {@link
   *     TorchScriptArchive#write})
   */
  public static ScriptKernel of(String methods) {
    return LOADED.computeIfAbsent(methods, src -> new ScriptKernel(load(src)));
  }

  /**
   * Runs {@code forward} on these arrays (nulls left out) as a layer: one output, in the first
   * input's manager.
   */
  public NDArray apply(NDArray... inputs) {
    NDList in = new NDList(inputs.length);
    for (NDArray a : inputs) if (a != null) in.add(a);
    return applyAll(in).singletonOrThrow();
  }

  /**
   * Runs {@code forward} on these arrays as a layer: its outputs (a tensor, or each tensor of a
   * list it returns), in the first input's manager.
   */
  public NDList applyAll(NDList inputs) {
    // The module has no parameters: the store only gives the call a manager.
    ParameterStore ps = new ParameterStore(inputs.get(0).getManager(), false);
    // training = true: the outputs are ordinary tensors that autograd may record (false would run
    // the module in inference mode); whether a graph is recorded is the thread's grad mode.
    return module.forward(ps, inputs, true);
  }

  /**
   * Runs {@code method}, which answers a {@code bool}, in inference mode, and closes its arguments.
   */
  public boolean run(String method, IValue... arguments) {
    return invoke(method, arguments, IValue::toBoolean);
  }

  /**
   * Runs {@code method}, which answers a list of tensors, in inference mode, and closes its
   * arguments; the tensors are attached to {@code into}.
   */
  public NDList call(String method, NDManager into, IValue... arguments) {
    return invoke(method, arguments, r -> r.toNDList((PtNDManager) into));
  }

  private <T> T invoke(String method, IValue[] arguments, Function<IValue, T> read) {
    try (IValue result = IValueUtils.runMethod(module, method, arguments)) {
      return read.apply(result);
    } finally {
      for (IValue a : arguments) a.close();
    }
  }

  private static synchronized PtSymbolBlock load(String source) {
    if (manager == null) {
      manager = NDManager.newBaseManager();
      // Run kernels as written, without the profiling executor's specialised graphs.
      JniUtils.setGraphExecutorOptimize(false);
    }
    try {
      Path file = Files.createTempFile("inception-kernel", ".pt");
      try {
        TorchScriptArchive.write(file, source);
        return JniUtils.loadModule(
            (PtNDManager) manager, file, true, new String[0], new String[0], false);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a TorchScript kernel", e);
    }
  }
}

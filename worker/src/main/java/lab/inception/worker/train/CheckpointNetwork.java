package lab.inception.worker.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import lab.inception.worker.model.ModelConfig;

/**
 * The network a checkpoint holds, written into its {@code state.properties} ({@code net.*} keys):
 * what an export needs to rebuild it without the training data at hand (the HTTP API's {@code
 * model.onnx}, which runs where the dataset may not be).
 */
public final class CheckpointNetwork {
  private CheckpointNetwork() {}

  static void put(Properties p, ModelConfig c) {
    p.setProperty("net.model", c.model());
    p.setProperty("net.input", c.channels() + "x" + c.height() + "x" + c.width());
    p.setProperty("net.classes", Integer.toString(c.classes()));
    p.setProperty("net.aux", Boolean.toString(c.aux()));
    p.setProperty("net.width", Double.toString(c.widthMultiplier()));
    p.setProperty("net.stem", c.stem().label());
    p.setProperty("net.block", c.block().label());
  }

  /**
   * The network of a checkpoint folder, or of the newest checkpoint in a checkpoint directory.
   *
   * @throws IllegalArgumentException when there is none, or it predates these keys
   */
  public static ModelConfig read(Path dir) {
    Path cp = Files.isRegularFile(dir.resolve(Checkpoints.STATE)) ? dir : Checkpoints.latest(dir);
    if (cp == null) throw new IllegalArgumentException("no checkpoint in " + dir);
    Properties p;
    try {
      p = Checkpoints.readState(cp);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read checkpoint " + cp + ": " + e.getMessage());
    }
    if (p.getProperty("net.model") == null) {
      throw new IllegalArgumentException(
          "checkpoint " + cp + " does not record its network (written before export existed)");
    }
    String[] in = p.getProperty("net.input").split("x");
    return new ModelConfig(
        p.getProperty("net.model"),
        Integer.parseInt(in[0]),
        Integer.parseInt(in[1]),
        Integer.parseInt(in[2]),
        Integer.parseInt(p.getProperty("net.classes")),
        Boolean.parseBoolean(p.getProperty("net.aux")),
        Double.parseDouble(p.getProperty("net.width")),
        ModelConfig.Stem.parse(p.getProperty("net.stem")),
        ModelConfig.BlockKind.parse(p.getProperty("net.block")));
  }
}

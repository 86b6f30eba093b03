package lab.inception.worker.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/**
 * A {@link SequentialBlock} whose children carry readable names ({@code inception3a}, {@code
 * Mixed_5b}): the names the cost table, the graph and the saved parameters use.
 */
public class NamedSequential extends Chain {

  /** Appends a child under a name; DJL prefixes it with its two-digit position. */
  public NamedSequential add(String name, Block block) {
    addChildBlock(name, block);
    return this;
  }

  /** The name given to {@link #add(String, Block)}, without DJL's position prefix. */
  public static String displayName(String childKey) {
    return childKey.length() > 2
            && Character.isDigit(childKey.charAt(0))
            && Character.isDigit(childKey.charAt(1))
        ? childKey.substring(2)
        : childKey;
  }
}

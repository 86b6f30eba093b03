package lab.inception.worker.model;

import ai.djl.nn.Block;
import java.util.function.Function;

/**
 * One entry of the zoo.
 *
 * @param name the public model name (INTERFACE.md)
 * @param description one line for listings
 * @param paper the paper (and reference implementation) it follows
 * @param reference the reference configuration: input, classes, aux heads
 * @param singleBlock a single inception module (not a classifier: it cannot be trained alone)
 * @param hasAux whether the network has auxiliary classifiers to switch on
 * @param takesBlockKind whether {@code block} ({@link ModelConfig.BlockKind}) applies (the
 *     GoogLeNet family)
 * @param builder builds the block for a configuration
 */
public record ModelSpec(
    String name,
    String description,
    String paper,
    ModelConfig reference,
    boolean singleBlock,
    boolean hasAux,
    boolean takesBlockKind,
    Function<ModelConfig, Block> builder) {}

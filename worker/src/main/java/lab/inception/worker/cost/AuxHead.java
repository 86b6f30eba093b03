package lab.inception.worker.cost;

/**
 * An analysed auxiliary classifier.
 *
 * @param tap the trunk stage whose output it reads
 * @param node the analysed head
 */
public record AuxHead(String tap, LayerNode node) {}

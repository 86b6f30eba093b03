package lab.inception.coordinator.report;

import java.util.List;

/** A table of text cells, as both report formats write it. */
record Table(List<String> header, List<List<String>> rows) {}

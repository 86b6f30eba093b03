package lab.inception.coordinator.report;

/** The building blocks of a report, written as Markdown or as HTML. */
interface ReportWriter {
  void title(String text);

  void heading(String text);

  void paragraph(String text);

  void code(String text);

  void table(Table t);

  /**
   * A chart.
   *
   * @param name a file-name-safe name ({@code curve-val_accuracy})
   */
  void chart(String name, String alt, String svg);

  /** The whole document. */
  String finish();
}

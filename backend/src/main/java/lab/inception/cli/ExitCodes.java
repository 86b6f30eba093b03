package lab.inception.cli;

import picocli.CommandLine;

/**
 * Maps failures to INTERFACE.md's exit statuses: 2 with a one-line reason for bad arguments or bad
 * input ({@link IllegalArgumentException}), 1 for anything else.
 */
final class ExitCodes implements CommandLine.IExecutionExceptionHandler {

  static int onBadArguments(CommandLine.ParameterException e, String[] args) {
    e.getCommandLine().getErr().println("inception: " + e.getMessage());
    return 2;
  }

  @Override
  public int handleExecutionException(
      Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
    if (e instanceof IllegalArgumentException) {
      cl.getErr().println("inception: " + e.getMessage());
      return 2;
    }
    cl.getErr().println("inception: " + e);
    return 1;
  }
}

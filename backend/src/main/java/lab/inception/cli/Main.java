package lab.inception.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one entry point of the jar: {@code ./inception <command>}. */
@Command(
    name = "inception",
    mixinStandardHelpOptions = true,
    version = "Inception Lab 0.1.0",
    description = "Experiment orchestrator for the Inception family of CNNs.",
    subcommands = {
      ModelsCommand.class,
      FlopsCommand.class,
      GraphCommand.class,
      ExportCommand.class,
      TrainCommand.class,
      ServeCommand.class,
      WorkerCommand.class,
      SweepCommand.class
    })
public final class Main implements Runnable {

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs a command and returns its exit status: 0 ok, 2 bad arguments or input, 1 anything else.
   */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs a command writing to the given streams (what tests use). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new Main());
    TrainCommand.addParameterOptions(cl.getSubcommands().get("train").getCommandSpec());
    cl.setOut(out);
    cl.setErr(err);
    // A repeated option takes its last value, so a script can append overrides to a base command.
    cl.setOverwrittenOptionsAllowed(true);
    cl.setExecutionExceptionHandler(new ExitCodes());
    cl.setParameterExceptionHandler(ExitCodes::onBadArguments);
    return cl.execute(args);
  }
}

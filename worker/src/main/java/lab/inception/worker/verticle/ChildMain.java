package lab.inception.worker.verticle;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * The entry point of a trial process: ends the process as soon as its worker is gone (its stdin
 * closes, even after a {@code kill -9} of the worker), then runs the trial's main class. Without it
 * an orphaned trial would go on training next to its requeued attempt.
 *
 * <p>Usage: {@code ChildMain <main class> <its arguments...>}.
 */
public final class ChildMain {

  private ChildMain() {}

  public static void main(String[] args) throws Throwable {
    Thread watchdog = new Thread(ChildMain::watchStdin, "worker-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    Class<?> main = Class.forName(args[0]);
    try {
      main.getMethod("main", String[].class)
          .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void watchStdin() {
    try {
      InputStream in = System.in;
      while (in.read() >= 0) {
        // the worker never writes: any byte is ignored
      }
    } catch (IOException e) {
      // treated like end of input
    }
    Runtime.getRuntime().halt(3);
  }
}

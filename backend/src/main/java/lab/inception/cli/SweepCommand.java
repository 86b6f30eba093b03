package lab.inception.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code inception sweep submit | status | watch | report}: sweeps through the HTTP API. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = "Submit a sweep file and follow its trials through the HTTP API.",
    subcommands = {
      SweepCommand.Submit.class,
      SweepCommand.Status.class,
      SweepCommand.Watch.class,
      SweepReportCommand.class,
      SweepCommand.Delete.class
    })
final class SweepCommand implements Runnable {

  @Option(
      names = "--server",
      description = "the server's URL (default http://127.0.0.1:8080 or env INCEPTION_SERVER)",
      scope = picocli.CommandLine.ScopeType.INHERIT)
  String server;

  @Option(
      names = "--token",
      description = "access token (or env INCEPTION_TOKEN)",
      scope = picocli.CommandLine.ScopeType.INHERIT)
  String token;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  ApiClient client() {
    return new ApiClient(server, token);
  }

  static final Set<String> DONE = Set.of("completed", "cancelled", "failed");

  /** {@code sweep submit FILE}. */
  @Command(
      name = "submit",
      mixinStandardHelpOptions = true,
      description = "Validate and submit a sweep file (YAML or JSON); prints the sweep's id.")
  static final class Submit implements Callable<Integer> {
    @ParentCommand SweepCommand parent;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the sweep file")
    Path file;

    @Override
    public Integer call() throws Exception {
      String text;
      try {
        text = Files.readString(file);
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException("no such file: " + file);
      }
      String type = file.toString().endsWith(".json") ? "application/json" : "application/yaml";
      JsonObject r = parent.client().post("/api/sweeps", text, type);
      PrintWriter out = spec.commandLine().getOut();
      out.println(r.getString("id"));
      out.flush();
      int trials = r.getInteger("trials", 0);
      // a TPE sweep starts with none: its sampler proposes each trial as the last ones finish
      System.err.println(
          (trials == 0
                  ? "submitted; its trials are proposed one by one"
                  : "submitted " + trials + " trials")
              + "; follow with: inception sweep watch "
              + r.getString("id"));
      return 0;
    }
  }

  /** {@code sweep status ID}. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "A sweep's state and one line per trial.")
  static final class Status implements Callable<Integer> {
    @ParentCommand SweepCommand parent;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID")
    String id;

    @Option(names = "--json", description = "print the sweep and its results as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
      ApiClient c = parent.client();
      JsonObject s = c.getObject("/api/sweeps/" + id);
      JsonArray rows = c.getArray("/api/sweeps/" + id + "/results");
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(new JsonObject().put("sweep", s).put("results", rows).encodePrettily());
      } else {
        out.print(Views.status(s, rows));
      }
      out.flush();
      return 0;
    }
  }

  /** {@code sweep watch ID}: a live view until the sweep ends. */
  @Command(
      name = "watch",
      mixinStandardHelpOptions = true,
      description =
          "Follow a sweep live until it ends. On a terminal the view is redrawn; piped, a line is"
              + " printed only when the counts change, and the results table at the end.")
  static final class Watch implements Callable<Integer> {
    @ParentCommand SweepCommand parent;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() throws Exception {
      ApiClient c = parent.client();
      PrintWriter out = spec.commandLine().getOut();
      JsonObject sweep = c.getObject("/api/sweeps/" + id);
      Map<String, JsonObject> trials = new LinkedHashMap<>();
      for (Object o : c.getArray("/api/sweeps/" + id + "/trials")) {
        JsonObject t = (JsonObject) o;
        trials.put(
            t.getString("id"),
            new JsonObject()
                .put("state", t.getString("state"))
                .put("attempt", t.getInteger("attempt")));
      }
      String state = sweep.getString("state");
      boolean tty = System.console() != null;
      Frames frames = new Frames(out, tty);
      frames.draw(Views.live(id, state, trials, tty));
      if (DONE.contains(state)) return summary(c, out, tty);
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(c.stream("/api/events?sweep=" + id), StandardCharsets.UTF_8))) {
        long lastDraw = 0;
        for (String line; (line = in.readLine()) != null; ) {
          if (!line.startsWith("data: ")) continue;
          JsonObject b = new JsonObject(line.substring(6));
          for (Object o : b.getJsonArray("trials", new JsonArray())) {
            JsonObject t = (JsonObject) o;
            trials
                .computeIfAbsent(t.getString("id"), k -> new JsonObject())
                .put("state", t.getString("state"))
                .put("attempt", t.getInteger("attempt"));
          }
          for (Object o : b.getJsonArray("metrics", new JsonArray())) {
            JsonObject p = (JsonObject) o;
            JsonObject t = trials.computeIfAbsent(p.getString("trial"), k -> new JsonObject());
            t.put(p.getString("name"), p.getDouble("value"))
                .put("step", p.getLong("step"))
                .put("epoch", p.getInteger("epoch"));
          }
          for (Object o : b.getJsonArray("sweeps", new JsonArray()))
            state = ((JsonObject) o).getString("state");
          long now = System.currentTimeMillis();
          if (DONE.contains(state) || now - lastDraw > 500) {
            frames.draw(Views.live(id, state, trials, tty));
            lastDraw = now;
          }
          if (DONE.contains(state)) break;
        }
      }
      return summary(c, out, tty);
    }

    /** Piped, the results table once the sweep has ended (a terminal has the live view). */
    private int summary(ApiClient c, PrintWriter out, boolean tty) throws Exception {
      if (!tty) {
        out.print(
            Views.status(
                c.getObject("/api/sweeps/" + id), c.getArray("/api/sweeps/" + id + "/results")));
        out.flush();
      }
      return 0;
    }
  }

  /**
   * What {@code watch} prints: on a terminal every frame (it redraws the screen); piped, a frame
   * only when it differs from the one before, so a log file gets one line per change.
   */
  static final class Frames {
    private final PrintWriter out;
    private final boolean tty;
    private String last;

    Frames(PrintWriter out, boolean tty) {
      this.out = out;
      this.tty = tty;
    }

    void draw(String frame) {
      if (!tty && frame.equals(last)) return;
      last = frame;
      out.print(frame);
      out.flush();
    }
  }

  /** {@code sweep delete ID}: a finished sweep and all its data, after a confirmation. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description =
          "Delete a finished (completed, failed or cancelled) sweep: its trials, metric points,"
              + " logs and checkpoints are removed from the server. Asks first unless --yes.")
  static final class Delete implements Callable<Integer> {
    @ParentCommand SweepCommand parent;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID")
    String id;

    @Option(
        names = {"-y", "--yes"},
        description = "do not ask for confirmation")
    boolean yes;

    @Override
    public Integer call() throws Exception {
      ApiClient c = parent.client();
      JsonObject s = c.getObject("/api/sweeps/" + id);
      PrintWriter out = spec.commandLine().getOut();
      if (!yes) {
        java.io.Console console = System.console();
        if (console == null)
          throw new IllegalArgumentException(
              "not a terminal: pass --yes to delete sweep " + id + " without a confirmation");
        String answer =
            console.readLine(
                "delete sweep %s (%s, %d trials) and all its data? [y/N] ",
                id, s.getString("name"), s.getInteger("trials"));
        if (answer == null || !answer.trim().equalsIgnoreCase("y")) {
          out.println("not deleted");
          out.flush();
          return 0;
        }
      }
      JsonObject d = c.delete("/api/sweeps/" + id);
      out.println(
          "deleted sweep " + d.getString("id") + " and its " + d.getInteger("trials") + " trials");
      out.flush();
      return 0;
    }
  }
}

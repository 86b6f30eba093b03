package lab.inception.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import lab.inception.coordinator.Contract;
import lab.inception.coordinator.sweep.DataPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every operation of openapi.json driven with requests generated from the document ({@link
 * OpenApiFuzz}): a real server on 127.0.0.1 answers none of them 5xx, every 4xx with the JSON error
 * body, every answer as the document says; the rejected ones leave the store as it was, and the
 * server's heap stays bounded.
 */
@ExtendWith(VertxExtension.class)
class OpenApiFuzzTest {

  /** The random combinations' seed: the same requests on every run. */
  static final long SEED = 20261201L;

  static final int RANDOM = 1000;

  /** How much the server's heap may grow, measured after a full collection. */
  static final long HEAP_BOUND = 64L << 20;

  /** An error body may hold at most this plus twice the request (its values quoted back). */
  static final long ERROR_BOUND = 64 << 10;

  @TempDir Path dir;
  ApiHarness h;
  Path root;
  int port;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    root = dir.resolve("datasets").toAbsolutePath();
    Files.createDirectories(root.resolve("pets/cat"));
    HttpConfig http =
        new HttpConfig(
            "127.0.0.1",
            0,
            null,
            List.of(),
            HttpConfig.DEFAULT_MAX_EVENT_CLIENTS,
            new DataPolicy(root, false));
    h = new ApiHarness(vertx, dir, http);
    port = h.api.actualPort();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  @DisplayName(
      "requests generated from openapi.json are never answered 5xx, each 4xx carries the JSON"
          + " error, every answer matches the document, only accepted ones change the store, and"
          + " the heap stays bounded")
  void fuzz() throws Exception {
    String[] read = sweepAndTrial();
    String[] command = sweepAndTrial();
    OpenApiFuzz fuzz =
        new OpenApiFuzz(openapi(), new OpenApiFuzz.Ids(read[0], read[1], command[0], command[1]));
    List<FuzzRequest> requests = new ArrayList<>(fuzz.systematic());
    int systematic = requests.size();
    requests.addAll(fuzz.random(new Random(SEED), RANDOM));

    Map<String, String> before = StoreDump.bySweep(h.store, dir);
    long heapBefore = usedHeapAfterGc();
    Map<Integer, Integer> byStatus = new TreeMap<>();
    Set<String> created = new HashSet<>();
    int commandsAccepted = 0;
    List<String> wrong = new ArrayList<>();
    StringBuilder log = new StringBuilder("status\toperation\twhat\n");
    for (FuzzRequest r : requests) {
      long t0 = System.nanoTime();
      RawHttp.Answer a = FuzzClient.send(port, r);
      log.append((System.nanoTime() - t0) / 1000).append('\t');
      byStatus.merge(a.status(), 1, Integer::sum);
      log.append(a.status()).append('\t').append(r.operation()).append('\t');
      log.append(r.what().replaceAll("\\s", " ")).append('\n');
      String problem = problem(r, a);
      if (problem != null) wrong.add(r.operation() + " [" + r.what() + "]: " + problem);
      if (a.status() == 201) created.add(new JsonObject(a.body()).getString("id"));
      else if (a.status() == 200 && r.method().equals("POST")) commandsAccepted++;
    }
    long heapAfter = usedHeapAfterGc();
    // every request and its status, for a reader of a failure
    Files.write(
        Path.of("target/openapi-fuzz.tsv"), log.toString().getBytes(StandardCharsets.UTF_8));
    Map<String, String> after = StoreDump.bySweep(h.store, dir);

    int trials = 0;
    for (String id : created) trials += assertDataInside(id);
    System.out.printf(
        "openapi fuzz: %d operations, %d requests (%d systematic, %d random, seed %d)%n"
            + "| status | requests |%n| ---: | ---: |%n",
        fuzz.operationCount(), requests.size(), systematic, RANDOM, SEED);
    byStatus.forEach((s, n) -> System.out.printf("| %d | %d |%n", s, n));
    System.out.printf(
        "sweeps created (201): %d with %d trials; commands accepted on the command sweep: %d; heap after GC %d MB"
            + " before, %d MB after (bound: +%d MB)%n",
        created.size(),
        trials,
        commandsAccepted,
        heapBefore >> 20,
        heapAfter >> 20,
        HEAP_BOUND >> 20);

    assertThat(wrong).as("%d wrong answers", wrong.size()).isEmpty();
    assertThat(byStatus.keySet()).allMatch(s -> s >= 200 && s < 500);
    Map<String, String> unchanged = new TreeMap<>(after);
    unchanged.keySet().removeAll(created);
    unchanged.remove(command[0]);
    Map<String, String> expected = new TreeMap<>(before);
    expected.remove(command[0]);
    assertThat(unchanged)
        .as("the rows of every sweep but the created ones and the command target")
        .isEqualTo(expected);
    assertThat(after.keySet()).containsAll(created).hasSize(before.size() + created.size());
    for (String id : created) {
      if (!adaptive.contains(id)) assertThat(after.get(id)).as(id).contains("|" + id + "|");
    }
    assertThat(heapAfter - heapBefore).isLessThan(HEAP_BOUND);
  }

  /**
   * The trials of an accepted sweep read only the server's datasets root, and no dataDir; returns
   * how many it has (a TPE sweep may have none yet).
   */
  /** The created TPE sweeps (trials only once a worker asks, and none does here). */
  private final java.util.Set<String> adaptive = new java.util.HashSet<>();

  private int assertDataInside(String sweep) throws Exception {
    JsonArray trials = new JsonArray(h.get("/api/sweeps/" + sweep + "/trials").body());
    String method =
        new JsonObject(h.get("/api/sweeps/" + sweep).body())
            .getJsonObject("spec")
            .getString("method");
    // a TPE sweep's trials come one by one from its sampler, once a worker asks
    if (method.equals("tpe")) adaptive.add(sweep);
    else assertThat(trials).isNotEmpty();
    for (Object t : trials) {
      JsonObject p = ((JsonObject) t).getJsonObject("parameters");
      assertThat(p.containsKey("dataDir")).as(sweep).isFalse();
      String dataset = p.getString("dataset");
      if (dataset.startsWith("imagefolder:")) {
        assertThat(dataset).as(sweep).isEqualTo("imagefolder:" + root.resolve("pets"));
      }
    }
    return trials.size();
  }

  /** What is wrong with an answer, or null. */
  private String problem(FuzzRequest r, RawHttp.Answer a) {
    if (a.status() == 0) return "no answer: " + shortly(a.head());
    if (a.status() >= 500) return a.status() + " " + shortly(a.body());
    if (a.status() >= 400) {
      JsonObject e = a.error();
      if (e == null || e.getString("error").isBlank()) {
        return a.status() + " without the JSON error body: " + shortly(a.body());
      }
      long sent = r.bytes(port).length;
      if (a.body().length() > ERROR_BOUND + 2 * sent) {
        return "an error of " + a.body().length() + " chars for a request of " + sent + " bytes";
      }
    }
    try {
      Contract.check(
          r.method(),
          URI.create("http://127.0.0.1:" + port + r.target()),
          a.status(),
          a.header("Content-Type"),
          a.body());
    } catch (AssertionError e) {
      return shortly(e.getMessage());
    }
    return null;
  }

  /** A valid sweep and its first trial. */
  private String[] sweepAndTrial() throws Exception {
    var created = h.post("/api/sweeps", BodyText.yaml(SweepMutations.valid()));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = new JsonObject(created.body()).getString("id");
    JsonArray trials = new JsonArray(h.get("/api/sweeps/" + id + "/trials").body());
    return new String[] {id, trials.getJsonObject(0).getString("id")};
  }

  private static JsonObject openapi() throws Exception {
    try (InputStream in =
        OpenApiFuzzTest.class.getClassLoader().getResourceAsStream("openapi.json")) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static String shortly(String s) {
    if (s == null) return "null";
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }

  private static long usedHeapAfterGc() {
    System.gc();
    System.gc(); // the first may leave what finalization and reference queues free
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}

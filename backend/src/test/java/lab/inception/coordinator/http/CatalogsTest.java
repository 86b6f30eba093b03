package lab.inception.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lab.inception.worker.data.DataSplits;
import lab.inception.worker.data.Datasets;
import lab.inception.worker.data.FashionMnist;
import lab.inception.worker.train.TrialConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogs the API serves, checked against what the code really does: each dataset's shape,
 * classes and split sizes against the loaded data, each parameter against TrialConfig and against
 * what the server accepts, each metric name against the protocol.
 */
@ExtendWith(VertxExtension.class)
class CatalogsTest {

  @TempDir Path dir;
  ApiHarness h;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    h = new ApiHarness(vertx, dir, new HttpConfig("127.0.0.1", 0, null));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private JsonArray array(String path) throws Exception {
    var r = h.get(path);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonArray(r.body());
  }

  private static JsonObject named(JsonArray a, String name) {
    for (int i = 0; i < a.size(); i++)
      if (a.getJsonObject(i).getString("name").equals(name)) return a.getJsonObject(i);
    throw new AssertionError("no " + name + " in " + a.encode());
  }

  @Test
  @DisplayName(
      "GET /api/datasets gives each dataset's shape, classes and sizes as loading finds them")
  void datasetsAsLoaded() throws Exception {
    JsonArray served = array("/api/datasets");
    List<String> check = new ArrayList<>(List.of("synthetic-shapes"));
    if (Files.isDirectory(FashionMnist.SYSTEM_DIR)) check.add("fashion-mnist"); // installed by CI
    for (String name : check) {
      JsonObject d = named(served, name);
      DataSplits data = Datasets.load(name, null, 0, 0.1, 1, 0, 0);
      assertThat(d.getJsonArray("shape").getList())
          .as(name)
          .containsExactly(data.channels(), data.height(), data.width());
      assertThat(d.getInteger("classes")).as(name).isEqualTo(data.classes());
      assertThat(d.getJsonArray("classNames").getList()).isEqualTo(data.classNames());
      assertThat(d.getInteger("train"))
          .as(name)
          .isEqualTo(data.train().size() + data.validation().size());
      assertThat(d.getInteger("test")).as(name).isEqualTo(data.test().size());
    }
    // the one the dashboard had wrong: 1×28×28 grey images of 6 shapes
    JsonObject shapes = named(served, "synthetic-shapes");
    assertThat(shapes.getJsonArray("shape").getList()).containsExactly(1, 28, 28);
    assertThat(shapes.getInteger("classes")).isEqualTo(6);
  }

  @Test
  @DisplayName(
      "GET /api/parameters lists TrialConfig's components with its defaults, and the server"
          + " accepts each default and refuses the values just past each bound")
  void parametersAsAccepted() throws Exception {
    JsonArray served = array("/api/parameters");
    List<String> components =
        List.of(TrialConfig.class.getRecordComponents()).stream()
            .map(RecordComponent::getName)
            .toList();
    assertThat(served.stream().map(o -> ((JsonObject) o).getString("name")))
        .containsExactlyElementsOf(components);
    for (String model : lab.inception.worker.model.ModelZoo.names()) {
      // what a trial of this model gets for every parameter left out: its own default where the
      // catalog names one (modelDefaults), else the table's
      JsonObject defaults = new JsonObject(TrialConfig.fromMap(Map.of("model", model)).toMap());
      for (int i = 0; i < served.size(); i++) {
        JsonObject p = served.getJsonObject(i);
        String name = p.getString("name");
        if (name.equals("model")) continue;
        Object want = defaults.getValue(name);
        JsonObject own = p.getJsonObject("modelDefaults");
        Object got =
            own != null && own.containsKey(model) ? own.getValue(model) : p.getValue("default");
        if (want instanceof Number n)
          assertThat(((Number) got).doubleValue())
              .as(model + " " + name)
              .isEqualTo(n.doubleValue());
        else assertThat(got).as(model + " " + name).isEqualTo(want);
      }
    }
    for (int i = 0; i < served.size(); i++) {
      JsonObject p = served.getJsonObject(i);
      String name = p.getString("name");
      if (!"sweep".equals(p.getString("scope"))) continue;
      if (p.getValue("default") != null) {
        JsonObject sweep =
            new JsonObject()
                .put("name", "default-of-" + name)
                .put(
                    "parameters",
                    new JsonObject().put("model", "googlenet").put(name, p.getValue("default")));
        assertThat(h.post("/api/sweeps", sweep.encode()).statusCode()).as(name).isEqualTo(201);
      }
      for (String bound : List.of("min", "max")) {
        Double b = p.getDouble(bound);
        if (b == null) continue;
        boolean inclusive = p.getBoolean(bound + "Inclusive");
        double step =
            "integer".equals(p.getString("type")) ? 1 : Math.max(1e-9, Math.abs(b) * 1e-6);
        double outside =
            bound.equals("min") ? (inclusive ? b - step : b) : (inclusive ? b + step : b);
        Object v =
            "integer".equals(p.getString("type")) ? (Object) (long) outside : (Object) outside;
        JsonObject sweep =
            new JsonObject()
                .put("parameters", new JsonObject().put("model", "googlenet").put(name, v));
        var r = h.post("/api/sweeps", sweep.encode());
        assertThat(r.statusCode()).as(name + " = " + v + ": " + r.body()).isEqualTo(400);
        assertThat(r.body()).contains("parameters." + name);
      }
      for (Object choice : p.getJsonArray("choices")) {
        if (!"choice".equals(p.getString("type")) || name.equals("model")) continue;
        JsonObject params = new JsonObject().put("model", "googlenet").put(name, choice);
        if (name.equals("stem")) params.put("imageSize", 224); // the paper's stem needs a big image
        var r = h.post("/api/sweeps", new JsonObject().put("parameters", params).encode());
        assertThat(r.statusCode()).as(name + "=" + choice + ": " + r.body()).isEqualTo(201);
      }
    }
  }

  @Test
  @DisplayName("GET /api/metrics names every metric with its per, unit and direction")
  void metrics() throws Exception {
    JsonArray served = array("/api/metrics");
    assertThat(served.stream().map(o -> ((JsonObject) o).getString("name")))
        .containsExactly(
            "train_loss",
            "aux_loss",
            "train_total_loss",
            "lr",
            "images_per_sec",
            "val_loss",
            "val_accuracy",
            "val_top5");
    assertThat(named(served, "train_loss").getString("doc")).startsWith("the main head's");
    assertThat(named(served, "val_accuracy").getString("unit")).isEqualTo("fraction");
    assertThat(named(served, "val_accuracy").getString("direction")).isEqualTo("max");
    assertThat(named(served, "val_loss").getString("per")).isEqualTo("epoch");
    assertThat(named(served, "lr").getValue("direction")).isNull();
  }
}

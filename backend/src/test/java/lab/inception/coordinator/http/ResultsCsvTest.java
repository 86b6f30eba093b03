package lab.inception.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ResultsCsvTest {

  @Test
  @DisplayName(
      "cells a spreadsheet would run as formulas get a leading quote, whatever follows them")
  void formulas() {
    assertThat(Results.cell("=1+1")).isEqualTo("'=1+1");
    assertThat(Results.cell("=HYPERLINK(\"x\")\n")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\n\"");
    assertThat(Results.cell("+1")).isEqualTo("'+1");
    assertThat(Results.cell("-1")).isEqualTo("'-1");
    assertThat(Results.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(Results.cell("\t=1")).isEqualTo("'\t=1");
    assertThat(Results.cell("\r=1")).isEqualTo("\"'\r=1\"");
    assertThat(Results.cell(-0.5)).isEqualTo("-0.5");
    assertThat(Results.cell("googlenet")).isEqualTo("googlenet");
  }

  @Test
  @DisplayName("cells with a comma, quote, CR or LF are quoted, quotes doubled")
  void quoting() {
    assertThat(Results.cell("a,b")).isEqualTo("\"a,b\"");
    assertThat(Results.cell("a\"b")).isEqualTo("\"a\"\"b\"");
    assertThat(Results.cell("a\rb")).isEqualTo("\"a\rb\"");
    assertThat(Results.cell("a\nb")).isEqualTo("\"a\nb\"");
    JsonArray rows =
        new JsonArray()
            .add(
                new JsonObject()
                    .put("trial", "t1")
                    .put("index", 0)
                    .put("state", "completed")
                    .put("attempt", 1)
                    .put("parameters", new JsonObject().put("=p", "=cmd|' /C calc'!A0\n")));
    String csv = Results.csv(rows);
    assertThat(csv.lines().findFirst().orElseThrow()).contains(",'=p,");
    assertThat(csv).contains(",\"'=cmd|' /C calc'!A0\n\",");
  }
}

package io.mixmo.driver.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mixmo.driver.report.HeadlessChromium;
import io.mixmo.driver.report.ReportInspection;
import io.mixmo.driver.report.ReportPage;
import io.mixmo.driver.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run report of short real runs (the quickstart preset on the committed sample: Cut-MixMo with
 * M = 2 for 2 epochs, and a vanilla M = 1 run for 1 epoch), opened in headless Chromium: every image
 * loads, the sections are there, the figures shown equal {@code evaluation.json}, nothing is fetched
 * from outside; a run directory without evaluations gives a report that says so.
 */
class RunReportBrowserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path tmp;
  static Path cut;
  static Path vanilla;
  static Path started;
  static HeadlessChromium browser;

  @BeforeAll
  static void trainAndStartBrowser() throws Exception {
    cut = train("cut", "--epochs", "2");
    vanilla = train("vanilla", "--epochs", "1", "--set", "network.members=1");
    started = startedRun(cut);
    Files.createDirectories(tmp.resolve("profile"));
    browser = HeadlessChromium.start(tmp.resolve("profile"));
  }

  @AfterAll
  static void stopBrowser() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  private static Path train(String name, String... extra) {
    Path dir = tmp.resolve(name);
    List<String> args = new ArrayList<>(List.of("train", "--preset", "quickstart", "--dataset",
        SampleDataset.get().toString(), "--run-dir", dir.toString(), "--batch-size", "16", "--set",
        "data.train-split=test"));
    args.addAll(List.of(extra));
    args.addAll(Cli.SPARK);
    Cli cli = new Cli();
    assertThat(cli.run(args.toArray(String[]::new))).as(cli.output()).isZero();
    return dir;
  }

  /** A run that has trained a few rounds of its first epoch: config, provenance, 3 round lines. */
  private static Path startedRun(Path from) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("started"));
    Files.copy(from.resolve(RunDirectory.CONFIG), dir.resolve(RunDirectory.CONFIG));
    Files.copy(from.resolve(RunDirectory.PROVENANCE), dir.resolve(RunDirectory.PROVENANCE));
    List<String> rounds = Files.readAllLines(from.resolve(RunDirectory.METRICS)).stream()
        .filter(l -> l.contains("\"type\":\"round\"")).limit(3).toList();
    Files.write(dir.resolve(RunDirectory.METRICS), rounds);
    return dir;
  }

  private static Path report(String name, Path... runs) {
    Path out = tmp.resolve(name + ".html");
    List<String> args = new ArrayList<>(List.of("report"));
    for (Path run : runs) {
      args.add(run.toString());
    }
    args.addAll(List.of("--out", out.toString()));
    Cli cli = new Cli();
    assertThat(cli.run(args.toArray(String[]::new))).as(cli.output()).isZero();
    assertThat(cli.out.toString()).contains("written to");
    return out;
  }

  @Test
  void aFinishedRunsReportShowsEveryChartAndTheFiguresOfEvaluationJson() throws Exception {
    JsonNode evaluation = JSON.readTree(cut.resolve(RunDirectory.EVALUATION).toFile());
    assertThat(evaluation.path("temperatureScaling").path("calibrated").isObject()).isTrue();
    for (Path html : List.of(report("cut", cut), cut.resolve("report.html"))) {
      JsonNode page = ReportInspection.inspect(browser, html);
      checkSelfContained(page, 9);
      assertThat(page.get("empty")).as("no 'not there yet' note").isEmpty();
      checkFigures(page, 0, evaluation);
      // the reliability diagrams' ECE is evaluation.json's (before) and the pooled calibrated one (after)
      List<String> alts = texts(page.get("images"), "alt");
      assertThat(alts).anyMatch(a -> a.contains("before") && a.endsWith("ECE " + decimal(evaluation.get("ece"))));
      double after = evaluation.at("/temperatureScaling/calibrated/reliability/ece").asDouble();
      assertThat(alts).anyMatch(a -> a.contains("after") && a.endsWith("ECE " + String.format(Locale.ROOT, "%.4f", after)));
    }
  }

  @Test
  void aRunWithoutEvaluationsYetGivesAReportThatSaysSo() throws Exception {
    JsonNode page = ReportInspection.inspect(browser, report("started", started));
    checkSelfContained(page, 1);   // the training curve of its 3 rounds
    assertThat(page.get("figures")).noneMatch(f -> !f.get("key").asText().startsWith("training."));
    String notes = String.join("\n", texts(page.get("empty"), null));
    assertThat(notes).contains("No evaluation yet").contains("No evaluation with per-class accuracy yet");
  }

  @Test
  void severalRunsAreComparedSideBySideWithOverlaidCurves() throws Exception {
    JsonNode page = ReportInspection.inspect(browser, report("compare", cut, vanilla, started));
    // loss, lr, top-1, NLL, ECE; 2 + 2 reliability; per-class; disagreement, ratio-errors (the Cut-MixMo run only)
    checkSelfContained(page, 12);
    checkFigures(page, 0, JSON.readTree(cut.resolve(RunDirectory.EVALUATION).toFile()));
    checkFigures(page, 1, JSON.readTree(vanilla.resolve(RunDirectory.EVALUATION).toFile()));
    assertThat(page.get("figures")).noneMatch(f -> f.get("run").asInt() == 2 && !f.get("key").asText().startsWith("training."));
    String notes = String.join("\n", texts(page.get("empty"), null));
    assertThat(notes).contains("vanilla: one member (vanilla)").contains("started: No evaluation yet");
  }

  /** The sections in order, every image a decoded PNG data URI, no script, nothing fetched. */
  private static void checkSelfContained(JsonNode page, int images) {
    assertThat(texts(page.get("sections"), null)).containsExactlyElementsOf(ReportPage.SECTIONS);
    assertThat(page.get("images")).hasSize(images);
    for (JsonNode img : page.get("images")) {
      assertThat(img.get("naturalWidth").asInt()).as(img.get("alt").asText()).isPositive();
      assertThat(img.get("naturalHeight").asInt()).as(img.get("alt").asText()).isPositive();
      assertThat(img.get("scheme").asText()).isEqualTo("data:image/png;base64,");
    }
    assertThat(page.get("external")).isEmpty();
    assertThat(page.get("resources")).isEmpty();
    assertThat(page.get("scripts").asInt()).isZero();
  }

  /** Every figure shown for run {@code run} is the number at its key in {@code evaluation}, formatted. */
  private static void checkFigures(JsonNode page, int run, JsonNode evaluation) {
    Set<String> keys = new HashSet<>();
    for (JsonNode f : page.get("figures")) {
      String key = f.get("key").asText();
      if (f.get("run").asInt() != run || key.startsWith("training.")) {
        continue;
      }
      JsonNode expected = at(evaluation, key);
      assertThat(expected.isNumber()).as(key + " in evaluation.json").isTrue();
      assertThat(Double.parseDouble(f.get("value").asText())).as(key).isEqualTo(expected.asDouble());
      assertThat(f.get("text").asText()).as(key).isEqualTo(shown(key, expected.asDouble()));
      keys.add(key);
    }
    int members = evaluation.get("memberTop1").size();
    Set<String> required = new HashSet<>(List.of("ensembleTop1", "ensembleTop5", "memberMeanTop1", "nll", "ece",
        "brier", "count", "temperatureScaling.temperature", "temperatureScaling.calibrated.nll",
        "temperatureScaling.calibrated.ece"));
    for (int m = 0; m < members; m++) {
      required.add("memberTop1[" + m + "]");
    }
    for (int c = 0; c < evaluation.get("perClassTop1").size(); c++) {
      required.add("perClassTop1[" + c + "]");
    }
    if (members > 1) {
      required.addAll(List.of("disagreement", "diversityRatioErrors"));
    }
    assertThat(keys).containsAll(required);
  }

  private static String shown(String key, double v) {
    if (key.contains("Top1") || key.contains("Top5")) {
      return String.format(Locale.ROOT, "%.2f %%", 100 * v);
    }
    return key.equals("count") ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.4f", v);
  }

  private static String decimal(JsonNode v) {
    return String.format(Locale.ROOT, "%.4f", v.asDouble());
  }

  /** {@code a.b[2].c} in a JSON tree. */
  private static JsonNode at(JsonNode root, String key) {
    String pointer = "/" + key.replace(".", "/").replaceAll("\\[(\\d+)]", "/$1");
    return root.at(pointer);
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(field == null ? n.asText() : n.get(field).asText()));
    return out.stream().collect(Collectors.toList());
  }
}

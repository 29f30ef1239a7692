package io.mixmo.driver.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.driver.cli.MixmoCommand;
import io.mixmo.driver.run.RunDirectory;
import io.mixmo.driver.run.Runners;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mixmo report} through the CLI on written run directories: output, help, exit codes, messages. */
class RunReportCommandTest {
  @TempDir Path tmp;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    Runners none = new Runners(() -> {
      throw new IllegalStateException("no training here");
    }, () -> {
      throw new IllegalStateException("no evaluation here");
    }, () -> {
      throw new IllegalStateException("no prediction here");
    });
    return MixmoCommand.commandLine(none, new Configuration(), List.of(args), new PrintWriter(out, true),
        new PrintWriter(err, true)).execute(args);
  }

  private Path run(String name, int epochs, boolean finished) throws Exception {
    Path dir = tmp.resolve(name);
    SyntheticRun.write(FileSystem.getLocal(new Configuration()).getRaw(), new org.apache.hadoop.fs.Path(dir.toString()), epochs,
        finished);
    return dir;
  }

  @Test
  void writesOneFileWithTheFiguresOfEachRunSideBySide() throws Exception {
    Path a = run("a", 2, true);
    Path b = run("b", 1, false);
    Path html = tmp.resolve("out/compare.html");
    assertThat(run("report", a.toString(), b.toString(), "--out", html.toString(), "--title", "A vs B"))
        .as(err.toString()).isZero();
    assertThat(out.toString()).contains("report of 2 runs written to").contains("compare.html");
    String page = Files.readString(html);
    assertThat(page).contains("<title>A vs B</title>").contains("evaluation.json").contains("epoch 1 (run not finished)");
    Map<?, ?> finalA = SyntheticRun.JSON.readValue(a.resolve(RunDirectory.EVALUATION).toFile(), Map.class);
    assertThat(page).contains("data-key=\"ensembleTop1\" data-run=\"0\" data-value=\"" + finalA.get("ensembleTop1") + "\"");
    assertThat(page).contains("data-key=\"nll\" data-run=\"1\"");
    for (String id : ReportPage.SECTIONS) {
      assertThat(page).contains("<section id=\"" + id + "\">");
    }
    // the best ensemble top-1 of the two is marked; the page needs nothing from outside
    assertThat(page).contains("class=\"best\" data-key=\"ensembleTop1\"");
    assertThat(page).doesNotContain("http://", "https://", "<script");
  }

  @Test
  void helpNamesTheArgumentsAndTheDefaultOutput() {
    assertThat(run("report", "--help")).isZero();
    assertThat(out.toString()).contains("RUN_DIR", "--out", "report.html", "--title", "temperature scaling");
    out.getBuffer().setLength(0);
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("report");
  }

  @Test
  void badArgumentsExitWithTwoAndSayWhatToFix() throws Exception {
    assertThat(run("report")).isEqualTo(2);
    assertThat(err.toString()).contains("RUN_DIR");
    assertThat(run("report", tmp.resolve("nothing").toString(), "--out", tmp.resolve("r.html").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("does not exist");
    Path a = run("a", 1, true);
    assertThat(run("report", a.toString(), "--out", a.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("is a directory");
    assertThat(run("report", a.toString(), "--out", a.resolve(RunDirectory.CONFIG).toString())).isEqualTo(2);
    assertThat(err.toString()).contains("is not an .html file: refusing to overwrite it");
    assertThat(Files.readString(a.resolve(RunDirectory.CONFIG))).isEqualTo(SyntheticRun.CONFIG);
  }

  @Test
  void aGarbledMetricsFileExitsWithThreeNamingTheLine() throws Exception {
    Path a = run("a", 1, false);
    Files.writeString(a.resolve(RunDirectory.METRICS), "{\"type\":\"round\"}\nnot json\n");
    assertThat(run("report", a.toString(), "--out", tmp.resolve("r.html").toString())).isEqualTo(3);
    assertThat(err.toString()).contains("metrics.jsonl line 2");
    assertThat(tmp.resolve("r.html")).doesNotExist();
  }
}

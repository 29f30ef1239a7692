package io.mixmo.driver.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.driver.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training listener's hook: report.html from the in-memory metrics, rewritten each time, never fatal. */
class TrainingReportTest {
  @TempDir Path tmp;

  private RunDirectory run(int epochs) throws Exception {
    Path dir = tmp.resolve("run");
    SyntheticRun.write(FileSystem.getLocal(new Configuration()).getRaw(), new org.apache.hadoop.fs.Path(dir.toString()),
        epochs, false);
    return RunDirectory.open(new Configuration(), dir.toString());
  }

  @Test
  void eachEpochEndRewritesTheReportWithTheLinesSoFarAndTheEndAddsTheFinalEvaluation() throws Exception {
    RunDirectory run = run(2);
    List<String> lines = Files.readAllLines(Path.of(run.file(RunDirectory.METRICS).toUri()));
    TrainingReport report = TrainingReport.of(run, List.of("cat", "dog", "eel", "fox"));
    report.epochEnd(lines.subList(0, 4));   // 3 rounds and the first evaluation, reported in the background
    report.flush();
    Path html = Path.of(run.file(TrainingReport.FILE).toUri());
    assertThat(report.lastMillis()).isNotNegative();
    assertThat(Files.readString(html)).contains("epoch 1 (run not finished)").contains("<th>eel</th>");
    report.epochEnd(lines);
    report.flush();
    assertThat(Files.readString(html)).contains("epoch 2 (run not finished)");
    Map<String, Object> last = SyntheticRun.evaluation(1);
    report.finished(lines, last);   // waited for
    report.close();
    String page = Files.readString(html);
    assertThat(page).contains("<td>evaluation.json</td>")
        .contains("data-key=\"nll\" data-run=\"0\" data-value=\"" + last.get("nll") + "\"");
    // the same report as a fresh read of the lines: the incremental parse dropped and repeated nothing
    assertThat(page).containsOnlyOnce("data-key=\"ensembleTop1\"");
    assertThat(Files.list(html.getParent())).noneMatch(p -> p.getFileName().toString().startsWith("._tmp"));
  }

  @Test
  void aReportThatCannotBeMadeIsLoggedAndTrainingGoesOn() throws Exception {
    RunDirectory run = run(1);
    List<String> lines = new ArrayList<>(Files.readAllLines(Path.of(run.file(RunDirectory.METRICS).toUri())));
    lines.add("{garbled");
    TrainingReport report = TrainingReport.of(run, List.of());
    report.epochEnd(lines);
    report.close();   // waits for the report being made, which failed without throwing
    assertThat(report.lastMillis()).isEqualTo(-1);
    assertThat(Path.of(run.file(TrainingReport.FILE).toUri())).doesNotExist();
  }
}

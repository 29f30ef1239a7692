package io.mixmo.driver.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.mixmo.driver.faults.Launcher.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The fault-injection suite: the real CLI ({@code deploy/bin/mixmo}, embedded, one JVM per command)
 * over the table of damaged inputs in {@link FaultCases}. For each case: the exit code, the cause
 * in one line first on the console naming the file or key, no stack trace and no misleading warning
 * on the console (the trace is in the driver log), and nothing half-written left that a reader or a
 * rerun could mistake for finished. The reliability page, docs/reliability.md, holds the same table.
 */
class FaultInjectionIT {
  private static FaultCases cases;

  @BeforeAll
  static void fixtures() throws Exception {
    Path work = Path.of("target", "it-faults", Long.toString(System.currentTimeMillis())).toAbsolutePath();
    Files.createDirectories(work);
    cases = new FaultCases(work, new Launcher(work));
    cases.prepare();
  }

  /**
   * Every case, or those {@code -Dmixmo.faults} lists (row numbers and ranges, e.g. {@code 23,29} or
   * {@code 22-31}: to rerun a few while working on them; the fixture is prepared either way).
   */
  @TestFactory
  Stream<DynamicTest> everyDamagedInputFailsCleanlyOrIsRecoveredFrom() {
    String only = System.getProperty("mixmo.faults", "").trim();
    return cases.all().stream().filter(c -> only.isEmpty() || selected(only, c.number()))
        .map(c -> DynamicTest.dynamicTest(c.number() + ": " + c.input(), c.body()));
  }

  private static boolean selected(String list, int number) {
    for (String item : list.split(",")) {
      String[] range = item.trim().split("-");
      int first = Integer.parseInt(range[0].trim());
      int last = range.length > 1 ? Integer.parseInt(range[1].trim()) : first;
      if (number >= first && number <= last) {
        return true;
      }
    }
    return false;
  }

  @Test
  void theReliabilityPageListsEveryCaseAndTheirCount() throws Exception {
    String page = Files.readString(Launcher.PROJECT.resolve("docs/reliability.md"));
    List<String> rows = new ArrayList<>();
    for (FaultCases.Case c : cases.all()) {
      rows.add(c.row());
    }
    assertThat(page).contains("## Reliability")
        .contains("(" + rows.size() + " cases, `driver/src/test/java/io/mixmo/driver/faults/FaultCases.java`)");
    assertThat(page.lines().filter(l -> l.matches("\\| \\d+ \\|.*")).toList()).containsExactlyElementsOf(rows);
  }

  /** The quickstart's own command line gives no misleading warning (nothing failed here). */
  @Test
  void aSuccessfulRunSaysNothingMisleading() throws Exception {
    Run fixture = cases.fixtureRun();
    assertThat(fixture.exit()).as(fixture.all()).isZero();
    FaultCases.assertQuietConsole(fixture);
  }
}

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
   * Every case, or with {@code -Dfaults.cases=13,22-26} only those (to run some cases alone on a small
   * machine; the fixtures are made either way).
   */
  @TestFactory
  Stream<DynamicTest> everyDamagedInputFailsCleanlyOrIsRecoveredFrom() {
    String only = System.getProperty("faults.cases", "").trim();
    return cases.all().stream().filter(c -> only.isEmpty() || selected(only, c.number()))
        .map(c -> DynamicTest.dynamicTest(c.number() + ": " + c.input(), c.body()));
  }

  /** Whether {@code number} is in {@code ranges} ("13,22-26"). */
  static boolean selected(String ranges, int number) {
    for (String range : ranges.split(",")) {
      String[] ends = range.trim().split("-", 2);
      int first = Integer.parseInt(ends[0].trim());
      int last = ends.length > 1 ? Integer.parseInt(ends[1].trim()) : first;
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

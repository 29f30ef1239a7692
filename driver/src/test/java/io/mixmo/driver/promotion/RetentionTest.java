package io.mixmo.driver.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  @TempDir Path tmp;

  /** A run directory with a file last changed {@code hoursAgo} hours before NOW, decided or not. */
  Path run(int n, boolean decided, int hoursAgo) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(ModelRoot.RUNS).resolve(Pointers.runId(n)));
    Files.writeString(dir.resolve("config.yaml"), "x");
    if (decided) {
      Files.writeString(dir.resolve(ModelRoot.DECISION), "{}");
    }
    FileTime time = FileTime.from(NOW.minus(Duration.ofHours(hoursAgo)));
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.toList()) {
        Files.setLastModifiedTime(p, time);
      }
    }
    return dir;
  }

  @Test
  void keepsTheNewestThePromotedAndTheCallerAndAbandonedRunsOnlyOnceStale() throws Exception {
    ModelRoot root = ModelRoot.at(new Configuration(), tmp.toUri().toString());
    run(1, true, 100);   // promoted: kept whatever its age
    run(2, true, 90);    // decided, old: removed
    run(3, false, 80);   // no decision, untouched for 80 h: abandoned, removed
    run(4, false, 2);    // no decision, changed 2 h ago: may be running, kept
    run(5, true, 1);     // the caller: kept
    run(6, true, 1);
    run(7, false, 0);    // newest two: kept
    root.pointers().publish(0, Pointers.pointer(Pointers.runId(1), 0));
    List<String> removed = Retention.prune(root, 2, Duration.ofHours(24), Pointers.runId(5), NOW);
    assertThat(removed).containsExactly(Pointers.runId(2), Pointers.runId(3));
    assertThat(root.runIds()).containsExactly(Pointers.runId(1), Pointers.runId(4), Pointers.runId(5),
        Pointers.runId(6), Pointers.runId(7));
    assertThat(Retention.prune(root, 0, Duration.ZERO, Pointers.runId(7), NOW)).as("0 keeps all").isEmpty();
    assertThat(Retention.prune(root, 2, Duration.ZERO, Pointers.runId(7), NOW))
        .containsExactly(Pointers.runId(4), Pointers.runId(5));
    assertThat(root.runIds()).containsExactly(Pointers.runId(1), Pointers.runId(6), Pointers.runId(7));
  }

  @Test
  void aFolderUnderRunsThatIsNotARunIsNeverRemovedWhateverItsNameOrAge() throws Exception {
    ModelRoot root = ModelRoot.at(new Configuration(), tmp.toUri().toString());
    Path foreign = run(1, true, 100);
    Files.delete(foreign.resolve("config.yaml"));
    Files.writeString(foreign.resolve("notes.txt"), "keep");
    run(2, true, 90);
    run(3, true, 1);
    run(4, true, 0);
    List<String> removed = Retention.prune(root, 2, Duration.ZERO, Pointers.runId(4), NOW);
    assertThat(removed).containsExactly(Pointers.runId(2));
    assertThat(foreign.resolve("notes.txt")).hasContent("keep");
  }
}

package io.mixmo.datasets.source.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.datasets.source.OutputExistsException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guard of {@link HadoopFiles#replace}: a file never replaces a directory, nor a directory a file. */
class HadoopFilesTest {
  @TempDir Path temp;

  private static org.apache.hadoop.fs.Path path(Path p) {
    return new org.apache.hadoop.fs.Path(p.toUri());
  }

  @Test
  void anAtomicWriteReplacesAFileButNeverADirectory() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    Path file = Files.writeString(temp.resolve("report.json"), "old");
    HadoopFiles.writeAtomically(fs, path(file), "new".getBytes(StandardCharsets.UTF_8));
    assertThat(file).hasContent("new");

    Path dir = Files.createDirectories(temp.resolve("reports"));
    Files.writeString(dir.resolve("keep.txt"), "keep");
    assertThatThrownBy(() -> HadoopFiles.writeAtomically(fs, path(dir), "x".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(OutputExistsException.class).hasMessageContaining(dir.toString()).hasMessageContaining("is a directory");
    assertThat(dir.resolve("keep.txt")).hasContent("keep");
    try (var names = Files.list(temp)) {
      assertThat(names.map(p -> p.getFileName().toString())).as("no temporary left").noneMatch(n -> n.contains("_tmp"));
    }

    Path source = Files.writeString(temp.resolve("source"), "s");
    assertThatThrownBy(() -> HadoopFiles.replace(fs, path(source), path(dir))).isInstanceOf(OutputExistsException.class);
    Path sourceDir = Files.createDirectories(temp.resolve("sourceDir"));
    assertThatThrownBy(() -> HadoopFiles.replace(fs, path(sourceDir), path(file)))
        .isInstanceOf(OutputExistsException.class).hasMessageContaining("is a file");
    assertThat(dir.resolve("keep.txt")).hasContent("keep");
    assertThat(file).hasContent("new");
  }
}

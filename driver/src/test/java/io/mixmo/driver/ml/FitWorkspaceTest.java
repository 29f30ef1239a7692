package io.mixmo.driver.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guard of {@link FitWorkspace#close}: it removes only the temporary directory it created. */
class FitWorkspaceTest {
  @TempDir Path temp;

  @Test
  void removesTheTemporaryDirectoryItMadeAndNeverAGivenOrPreexistingOne() throws Exception {
    Configuration hadoop = new Configuration();
    String uid = "fit-" + System.nanoTime();
    Path own = Path.of("/tmp/mixmo-ml/" + uid + "-1");
    FitWorkspace ws = FitWorkspace.of(hadoop, "", "", uid, 1);
    assertThat(own).isDirectory();
    ws.close();
    assertThat(own).doesNotExist();

    Path existing = Files.createDirectories(Path.of("/tmp/mixmo-ml/" + uid + "-2"));
    Files.writeString(existing.resolve("keep.txt"), "not the fit's");
    try {
      assertThatThrownBy(() -> FitWorkspace.of(hadoop, "", "", uid, 2)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(existing.toString()).hasMessageContaining("exists already");
      assertThat(existing.resolve("keep.txt")).exists();
    } finally {
      Files.delete(existing.resolve("keep.txt"));
      Files.delete(existing);
    }

    Path given = Files.createDirectories(temp.resolve("work"));
    Files.writeString(given.resolve("keep.txt"), "the user's");
    FitWorkspace.of(hadoop, given.toString(), "", uid, 3).close();
    assertThat(given.resolve("keep.txt")).exists();
  }
}

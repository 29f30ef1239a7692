package io.mixmo.driver.ml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guard of {@link FitWorkspace#close}: it removes only the temporary directory it created. */
class FitWorkspaceTest {
  @TempDir Path temp;

  @Test
  void removesTheTemporaryDirectoryItMadeAndNeverWhatIsUnderAGivenWorkDirOrRunDir() throws Exception {
    Configuration hadoop = new Configuration();
    String uid = "fit-" + System.nanoTime();
    FitWorkspace ws = FitWorkspace.of(hadoop, "", "", uid, "00000000");
    Path own = Path.of(new org.apache.hadoop.fs.Path(ws.datasetUri()).getParent().toUri());
    assertThat(own).isDirectory();
    assertThat(own.getFileName().toString()).startsWith(uid + "-");
    ws.close();
    assertThat(own).doesNotExist();

    Path work = Files.createDirectories(temp.resolve("work"));
    Path runs = Files.createDirectories(temp.resolve("runs"));
    Files.writeString(work.resolve("keep.txt"), "the user's");
    Files.writeString(runs.resolve("keep.txt"), "the user's");
    FitWorkspace given = FitWorkspace.of(hadoop, work.toString(), runs.toString(), uid, "00000000");
    Files.createDirectories(Path.of(new org.apache.hadoop.fs.Path(given.datasetUri()).toUri()));
    given.close();
    assertThat(work.resolve("keep.txt")).exists();
    assertThat(runs.resolve("keep.txt")).exists();
    assertThat(Path.of(new org.apache.hadoop.fs.Path(given.datasetUri()).toUri())).as("kept: under the user's workDir")
        .exists();
  }
}

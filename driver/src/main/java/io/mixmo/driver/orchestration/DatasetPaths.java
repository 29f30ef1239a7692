package io.mixmo.driver.orchestration;

import io.mixmo.datasets.ingest.Sha256;
import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.support.HadoopFiles;
import io.mixmo.datasets.verify.DatasetVerifier;
import io.mixmo.datasets.verify.VerifyLevel;
import io.mixmo.driver.run.ModelArchive;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Fail-fast checks of input paths before any Spark work (driver side): a missing or damaged dataset,
 * a missing model or an unreachable file system is a {@link BadInputException} naming the path
 * (exit code 3).
 */
public final class DatasetPaths {
  public static final String MANIFEST = "manifest.json";

  private DatasetPaths() {}

  /**
   * Verifies the dataset's shards against its {@code manifest.json} at {@code level} (progress and the
   * summary on {@code out}) and returns the manifest's sha256; the first problem found is a
   * {@link BadInputException} naming the file.
   */
  public static String verify(Configuration hadoop, String datasetUri, VerifyLevel level, PrintWriter out) {
    String sha = manifestSha256(hadoop, datasetUri);
    var report = DatasetVerifier.verify(hadoop, datasetUri, level, line -> {
      out.println("mixmo: " + line);
      out.flush();
    }).requireOk();
    if (level == VerifyLevel.FULL) {
      out.println("mixmo: " + report.summary());
      out.flush();
    }
    return sha;
  }

  /** The sha256 of the dataset's {@code manifest.json}, which must exist. */
  public static String manifestSha256(Configuration hadoop, String datasetUri) {
    Path manifest = new Path(qualify(hadoop, datasetUri, "dataset"), MANIFEST);
    try {
      return Sha256.hex(HadoopFiles.read(HadoopFiles.fileSystem(hadoop, manifest), manifest));
    } catch (FileNotFoundException e) {
      throw new BadInputException("dataset not found: " + manifest + " does not exist; pass --dataset a"
          + " directory written by 'mixmo datasets ingest'");
    } catch (IOException | UncheckedIOException e) {
      throw new BadInputException("dataset " + datasetUri + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** The model to load: {@code uri} itself if it is a file, else {@code uri/model.zip}, which must exist. */
  public static String requireModel(Configuration hadoop, String uri) {
    try {
      return ModelArchive.locate(hadoop, uri).toString();
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      throw new BadInputException("model path " + uri + " cannot be opened: " + e.getMessage(), e);
    }
  }

  private static Path qualify(Configuration hadoop, String uri, String what) {
    try {
      return HadoopFiles.qualify(hadoop, uri);
    } catch (UncheckedIOException | IllegalArgumentException e) {
      throw new BadInputException(what + " path " + uri + " cannot be opened: " + e.getMessage(), e);
    }
  }
}

package io.mixmo.driver.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.support.HadoopFiles;
import io.mixmo.worker.net.ops.LayerGenerations;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import io.mixmo.datasets.source.support.BoundedStreams;
import io.mixmo.driver.guard.ModelZipReader;
import io.mixmo.driver.guard.PrivateTempFiles;
import java.nio.file.Files;
import java.util.Enumeration;
import java.util.Optional;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code model.zip} on any Hadoop file system (driver side): DL4J's {@link ModelSerializer} archive
 * with one more entry, {@value #METADATA_ENTRY} ({@link ModelMetadata}). DL4J ignores entries it
 * does not know, so the file stays a plain DL4J model.
 *
 * <p>Writing goes through a local temporary file (DL4J writes a zip it closes itself): its entries are
 * copied raw, without recompression, followed by the metadata, to a temporary sibling of the target
 * that is renamed into place. Reading copies the file to a local temporary file once, then reads the
 * graph and the metadata from it; a graph saved with DL4J's own layers (model.zip files written
 * before mixmo's op layers) is read into the op layers with the same parameters
 * ({@link LayerGenerations#upgrade}).
 */
public final class ModelArchive {
  /** The name of the metadata entry in the zip. */
  public static final String METADATA_ENTRY = "mixmo-model.json";
  private static final Logger LOG = LoggerFactory.getLogger(ModelArchive.class);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelArchive() {}

  /** A graph read back, with its metadata when the archive has some (models saved by DL4J alone have none). */
  public record Saved(ComputationGraph graph, Optional<ModelMetadata> metadata) {}

  /**
   * The {@code model.zip} that {@code uri} names: itself if it is a file, else {@code uri/model.zip}
   * (a run directory); a {@link BadInputException} naming both when neither is a file.
   */
  public static Path locate(Configuration hadoop, String uri) throws IOException {
    Path path = HadoopFiles.qualify(hadoop, uri);
    FileSystem fs = HadoopFiles.fileSystem(hadoop, path);
    if (fs.isFile(path)) {
      return path;
    }
    Path model = new Path(path, RunDirectory.MODEL);
    if (fs.isFile(model)) {
      return model;
    }
    throw new BadInputException("model not found: neither " + path + " nor " + model
        + " is a file; pass a model.zip or a finished run directory");
  }

  /** Writes {@code model} (with its updater state if {@code saveUpdater}) and {@code metadata} to {@code target}, atomically. */
  public static void write(FileSystem fs, Path target, Model model, boolean saveUpdater, ModelMetadata metadata)
      throws IOException {
    java.nio.file.Path local = PrivateTempFiles.create("mixmo-model-", ".zip");
    try {
      ModelSerializer.writeModel(model, local.toFile(), saveUpdater);
      byte[] json = JSON.writeValueAsBytes(metadata);
      HadoopFiles.writeAtomically(fs, target, out -> {
        try (ZipFile dl4j = new ZipFile(local.toFile()); ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
          for (Enumeration<ZipArchiveEntry> entries = dl4j.getEntriesInPhysicalOrder(); entries.hasMoreElements(); ) {
            ZipArchiveEntry entry = entries.nextElement();
            if (!entry.getName().equals(METADATA_ENTRY)) {
              zip.addRawArchiveEntry(entry, dl4j.getRawInputStream(entry));
            }
          }
          zip.putArchiveEntry(new ZipArchiveEntry(METADATA_ENTRY));
          zip.write(json);
          zip.closeArchiveEntry();
          zip.finish();
        }
      });
    } finally {
      Files.deleteIfExists(local);
    }
  }

  /**
   * Reads the model at {@code file} through {@link ModelZipReader} (the one guarded reader: only the
   * entries mixmo writes, each under a byte cap, headers checked before allocation), then checks its
   * {@value #METADATA_ENTRY} against the graph ({@link ModelMetadataCheck}). The local copy is private
   * (0600) and removed whatever happens. A {@link BadInputException} naming the file if any check
   * fails, the graph cannot be built, or reading it runs out of memory.
   */
  public static Saved read(FileSystem fs, Path file) throws IOException {
    java.nio.file.Path local = PrivateTempFiles.create("mixmo-model-", ".zip");
    try {
      try (InputStream in = fs.open(file); OutputStream out = Files.newOutputStream(local)) {
        BoundedStreams.capped(in, ModelZipReader.MAX_FILE, "model " + file).transferTo(out);
      }
      ModelZipReader.Contents contents;
      try {
        contents = ModelZipReader.read(local, "model " + file);
      } catch (BadInputException e) {
        throw e;
      } catch (OutOfMemoryError e) {
        throw new BadInputException("model " + file + " needs more memory than this JVM has (" + e.getMessage()
            + "); refused", e);
      } catch (IOException | RuntimeException e) {
        throw new BadInputException("model " + file + " cannot be read as a DL4J ComputationGraph: " + e.getMessage(), e);
      }
      ComputationGraph graph = contents.graph();
      ComputationGraph upgraded = LayerGenerations.upgrade(graph);
      if (upgraded != graph) {
        LOG.info("model {} was saved with DL4J's own layers (before mixmo's op layers): read with the op layers, "
            + "same parameters", file);
        graph = upgraded;
      }
      Optional<ModelMetadata> metadata = contents.metadataJson().map(json -> metadata(json, file));
      if (metadata.isPresent()) {
        ModelMetadataCheck.against(metadata.get(), graph, "model " + file);
      }
      return new Saved(graph, metadata);
    } finally {
      Files.deleteIfExists(local);
    }
  }

  private static ModelMetadata metadata(byte[] json, Path file) {
    try {
      return JSON.readValue(json, ModelMetadata.class);
    } catch (IOException | RuntimeException e) {
      throw new BadInputException("model " + file + ": its " + METADATA_ENTRY + " entry cannot be read ("
          + e.getMessage() + "); save the model again with 'mixmo train'", e);
    }
  }
}

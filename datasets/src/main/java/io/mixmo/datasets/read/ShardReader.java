package io.mixmo.datasets.read;

import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.manifest.ShardSchema;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.datasets.source.BadInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;

/**
 * Reads one Parquet shard into a compact {@link LabeledImages} block (uint8 pixels, labels, stable
 * 64-bit ids from {@link StableIds}) with plain parquet-hadoop, no Spark. Runs on executors (one
 * call per shard, on the task thread) and in tools; the block's normalisation is
 * {@link Manifest#normalization()}.
 */
public final class ShardReader {
  private ShardReader() {}

  /**
   * The rows of {@code split} in the shard at {@code shardUri}, in shard order (sorted by string id).
   * A shard that is not Parquet, fails its checksum, is cut short, or holds an image of another size
   * or a label outside [0, classes) is a {@link BadInputException} naming the shard (exit code 3);
   * other I/O failures (an unreachable file system) stay {@link IOException}s.
   */
  public static LabeledImages read(Configuration hadoop, String shardUri, String split, Manifest m) throws IOException {
    try {
      return readRows(hadoop, shardUri, split, m);
    } catch (BadInputException e) {
      throw e;
    } catch (IOException e) {
      if (isInfrastructure(e)) {
        throw e;
      }
      throw damaged(shardUri, e);
    } catch (RuntimeException e) {
      throw damaged(shardUri, e);
    }
  }

  /** Failures that say nothing about the shard's bytes: the network, an interrupt, permissions. */
  private static boolean isInfrastructure(IOException e) {
    return e instanceof java.io.InterruptedIOException || e.getClass().getName().startsWith("java.net.")
        || e.getClass().getSimpleName().equals("AccessControlException");
  }

  private static BadInputException damaged(String shardUri, Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    String what = e instanceof java.io.FileNotFoundException ? " is missing (" : " is damaged (";
    return new BadInputException("shard " + shardUri + what + message + "); restore it or ingest the dataset again", e);
  }

  private static LabeledImages readRows(Configuration hadoop, String shardUri, String split, Manifest m)
      throws IOException {
    ImageShape shape = m.shape();
    int size = shape.size();
    Path path = new Path(shardUri);
    long rows;
    try (ParquetFileReader footer = ParquetFileReader.open(HadoopInputFile.fromPath(path, hadoop))) {
      rows = footer.getRecordCount();
    }
    if (rows * size > Integer.MAX_VALUE - 8) {
      throw new BadInputException(shardUri + ": " + rows + " images of " + shape
          + " do not fit one block of at most 2^31 bytes; ingest with more shards");
    }
    byte[] pixels = new byte[(int) rows * size];
    int[] labels = new int[(int) rows];
    long[] ids = new long[(int) rows];
    Binary wanted = Binary.fromString(split);
    int n = 0;
    try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), path).withConf(hadoop).build()) {
      for (Group g = reader.read(); g != null; g = reader.read()) {
        if (!g.getBinary(ShardSchema.SPLIT, 0).equals(wanted)) {
          continue;
        }
        if (n == rows) {
          throw new BadInputException("shard " + shardUri + " holds more rows than its footer's " + rows);
        }
        Binary px = g.getBinary(ShardSchema.PIXELS, 0);
        if (px.length() != size) {
          throw new BadInputException("shard " + shardUri + ": row " + g.getString(ShardSchema.ID, 0) + " holds "
              + px.length() + " pixel bytes but manifest.json gives images of shape " + shape + " (" + size + " bytes)");
        }
        px.toByteBuffer().get(pixels, n * size, size);
        labels[n] = label(shardUri, g, m.numClasses());
        ids[n] = StableIds.of(g.getString(ShardSchema.ID, 0));
        n++;
      }
    }
    if (n < rows) {
      pixels = Arrays.copyOf(pixels, n * size);
      labels = Arrays.copyOf(labels, n);
      ids = Arrays.copyOf(ids, n);
    }
    return new LabeledImages(shape, m.numClasses(), pixels, labels, ids);
  }

  private static int label(String shardUri, Group row, int classes) {
    int label = row.getInteger(ShardSchema.LABEL, 0);
    if (label < 0 || label >= classes) {
      throw new BadInputException("shard " + shardUri + ": row " + row.getString(ShardSchema.ID, 0) + " has label "
          + label + ", outside [0, " + classes + ") of manifest.json's " + classes + " classes");
    }
    return label;
  }

  /** URIs of every shard of a dataset ({@code <dataset>/shards/part-*.parquet}), sorted by name. */
  public static List<String> shardUris(Configuration hadoop, String datasetUri) throws IOException {
    Path pattern = new Path(new Path(datasetUri), "shards/part-*.parquet");
    FileSystem fs = pattern.getFileSystem(hadoop);
    FileStatus[] found = fs.globStatus(pattern);
    List<String> uris = new ArrayList<>();
    if (found != null) {
      Arrays.stream(found).map(s -> s.getPath().toString()).sorted().forEach(uris::add);
    }
    return uris;
  }
}

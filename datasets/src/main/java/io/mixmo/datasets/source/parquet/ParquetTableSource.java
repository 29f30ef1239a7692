package io.mixmo.datasets.source.parquet;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.datasets.source.ImageSource;
import io.mixmo.datasets.source.RecordIterator;
import io.mixmo.datasets.source.SourceDescription;
import io.mixmo.datasets.source.SourcePart;
import io.mixmo.datasets.source.support.HadoopFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * A Parquet table per split (see {@link ParquetTableSpec}). Parts: one per Parquet file of the table,
 * found recursively (partition folders included), files and folders starting with {@code _} or
 * {@code .} ignored, in path order. Ids: {@code <name>/<split>/<file stem>/<row in file>}.
 * Built on the driver, read on executors.
 */
public final class ParquetTableSource implements ImageSource {
  private static final long serialVersionUID = 1L;

  private final ParquetTableSpec spec;

  public ParquetTableSource(ParquetTableSpec spec) {
    this.spec = spec;
  }

  @Override
  public SourceDescription describe(Configuration hadoop) throws IOException {
    for (String split : spec.tables().keySet()) {
      List<String> files = files(hadoop, split);
      ParquetColumns.of(hadoop, files.get(0), spec);
    }
    return new SourceDescription(spec.classes(), spec.shape(), List.copyOf(spec.tables().keySet()));
  }

  @Override
  public List<SourcePart> parts(Configuration hadoop, String split) throws IOException {
    List<SourcePart> parts = new ArrayList<>();
    for (String f : files(hadoop, split)) {
      parts.add(new SourcePart(split, parts.size(), List.of(f), 0, -1));
    }
    return parts;
  }

  @Override
  public RecordIterator read(Configuration hadoop, SourcePart part, BadRecordPolicy policy) throws IOException {
    return new ParquetRowIterator(hadoop, part, spec, policy);
  }

  /** The Parquet files of {@code split}'s table, sorted; at least one. */
  List<String> files(Configuration hadoop, String split) throws IOException {
    String table = spec.tables().get(split);
    if (table == null) {
      throw new IllegalArgumentException("parquet source has splits " + spec.tables().keySet() + ", asked for '"
          + split + "'");
    }
    Path root = new Path(table);
    FileSystem fs = root.getFileSystem(hadoop);
    if (!fs.exists(root)) {
      throw new BadInputException("parquet table " + table + " of split " + split + " does not exist");
    }
    FileStatus status = fs.getFileStatus(root);
    List<String> files = new ArrayList<>();
    if (status.isFile()) {
      files.add(status.getPath().toString());
    } else {
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      while (it.hasNext()) {
        Path p = it.next().getPath();
        if (p.getName().endsWith(".parquet") && !HadoopFiles.isHiddenBelow(root, p)) {
          files.add(p.toString());
        }
      }
    }
    if (files.isEmpty()) {
      throw new BadInputException("parquet table " + table + " of split " + split + " holds no .parquet file");
    }
    files.sort(null);
    return files;
  }

  @Override
  public String toString() {
    return "parquet tables " + spec.tables() + " (image column " + spec.imageColumn() + ", "
        + spec.encoding().name().toLowerCase(java.util.Locale.ROOT) + ", label column " + spec.labelColumn() + ")";
  }
}

package io.mixmo.datasets.source;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * A dataset in a published format, read through Hadoop {@code FileSystem}.
 *
 * <p>Lifecycle: the driver builds the source, calls {@link #describe} once (classes, shape, splits)
 * and {@link #parts} once per split; the source and its parts are serialised to executors, where
 * {@link #read} is called once per part on a task thread. Implementations hold only the
 * configuration needed to read (URIs, options), never open streams, so they serialise cheaply.
 * Errors are {@link BadInputException}s naming the file and the record offset or index.
 */
public interface ImageSource extends Serializable {

  /** Classes, image shape and splits; reads only what it must (e.g. folder names, a header). */
  SourceDescription describe(Configuration hadoop) throws IOException;

  /** The independent units of reading for {@code split} (a file, a folder chunk, a row group). */
  List<SourcePart> parts(Configuration hadoop, String split) throws IOException;

  /**
   * Reads one part. Each record's pixels are uint8 in C×H×W order of the described shape.
   * With {@link BadRecordPolicy#SKIP} a bad record is passed to {@code skipped} and reading goes
   * on; with {@link BadRecordPolicy#FAIL} it throws {@link BadInputException}.
   */
  RecordIterator read(Configuration hadoop, SourcePart part, BadRecordPolicy policy) throws IOException;
}

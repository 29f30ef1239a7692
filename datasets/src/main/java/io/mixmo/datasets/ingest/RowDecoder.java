package io.mixmo.datasets.ingest;

import io.mixmo.datasets.source.SourceRecord;
import io.mixmo.datasets.source.support.BadRecord;
import java.io.Serializable;

/**
 * Turns one row of a Spark job's output into an image record (executor side), for
 * {@link IngestJob#runRows}: e.g. a DataFrame row holding an image and a label. A row that cannot be
 * used throws {@link BadRecord} naming it; the ingest's bad-record policy then fails or skips it.
 *
 * @param <T> the row type
 */
@FunctionalInterface
public interface RowDecoder<T> extends Serializable {
  SourceRecord decode(T row) throws BadRecord;
}

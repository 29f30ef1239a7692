package io.mixmo.datasets.source;

import java.io.Closeable;
import java.util.Iterator;
import java.util.List;

/**
 * Records of one part, in a stable order. Closing releases the underlying streams.
 * {@link #skipped()} lists what was skipped so far under {@link BadRecordPolicy#SKIP}.
 */
public interface RecordIterator extends Iterator<SourceRecord>, Closeable {
  List<SkippedRecord> skipped();
}

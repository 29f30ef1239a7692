package io.mixmo.datasets.source.folder;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.datasets.source.RecordIterator;
import io.mixmo.datasets.source.SkippedRecord;
import io.mixmo.datasets.source.SourceRecord;
import io.mixmo.worker.data.ImageShape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Turns the raw files of one part into decoded records, applying the bad-record policy: under
 * {@link BadRecordPolicy#FAIL} the first bad file throws a {@link BadInputException} naming it,
 * under {@link BadRecordPolicy#SKIP} it is listed in {@link #skipped()} and reading goes on.
 * Executor side, one instance per task.
 */
abstract class DecodingIterator implements RecordIterator {
  private final String split;
  private final ImageShape shape;
  private final BadRecordPolicy policy;
  private final List<SkippedRecord> skipped = new ArrayList<>();
  private SourceRecord next;
  private boolean finished;

  DecodingIterator(String split, ImageShape shape, BadRecordPolicy policy) {
    this.split = split;
    this.shape = shape;
    this.policy = policy;
  }

  /** The next file of the part, or null when there is none. */
  protected abstract RawImage nextRaw() throws IOException;

  @Override
  public boolean hasNext() {
    while (next == null && !finished) {
      RawImage raw;
      try {
        raw = nextRaw();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (raw == null) {
        finished = true;
      } else {
        next = decode(raw);
      }
    }
    return next != null;
  }

  private SourceRecord decode(RawImage raw) {
    try {
      if (raw.problem() != null) {
        throw new BadInputException(raw.origin() + ": " + raw.problem());
      }
      byte[] pixels = ImageDecoder.decodeChw(raw.bytes(), shape, raw.origin());
      return new SourceRecord(raw.id(), split, raw.label(), pixels, raw.origin());
    } catch (BadInputException e) {
      if (policy == BadRecordPolicy.FAIL) {
        throw e;
      }
      skipped.add(new SkippedRecord(raw.origin(), e.getMessage()));
      return null;
    }
  }

  @Override
  public SourceRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    SourceRecord r = next;
    next = null;
    return r;
  }

  @Override
  public List<SkippedRecord> skipped() {
    return List.copyOf(skipped);
  }
}

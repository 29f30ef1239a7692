package io.mixmo.datasets.source.support;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.datasets.source.RecordIterator;
import io.mixmo.datasets.source.SkippedRecord;
import io.mixmo.datasets.source.SourceRecord;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.ZipException;

/**
 * A lazy record iterator that applies a {@link BadRecordPolicy}: subclasses produce records one at a
 * time with {@link #fetch()}; a {@link BadRecord} either fails the read ({@link BadInputException}
 * with the record's message) or is listed in {@link #skipped()} and reading goes on.
 * Used on executors, one instance per part, on one task thread.
 */
public abstract class PolicyIterator implements RecordIterator {
  private final BadRecordPolicy policy;
  private final List<SkippedRecord> skipped = new ArrayList<>();
  private SourceRecord next;
  private boolean done;

  protected PolicyIterator(BadRecordPolicy policy) {
    this.policy = policy;
  }

  /**
   * The next record, or {@code null} at the end of the part.
   *
   * @throws BadRecord for one bad record; the next call must go on after it (or return null)
   * @throws IOException when the part cannot be read any further
   */
  protected abstract SourceRecord fetch() throws BadRecord, IOException;

  /** Where reading is (file, entry, record), for messages about a failure that is not one record's. */
  protected abstract String where();

  @Override
  public final boolean hasNext() {
    while (next == null && !done) {
      try {
        next = fetch();
        done = next == null;
      } catch (BadRecord bad) {
        if (policy == BadRecordPolicy.FAIL) {
          throw new BadInputException(bad.getMessage(), bad.getCause());
        }
        skipped.add(new SkippedRecord(bad.origin(), bad.reason()));
      } catch (EOFException | ZipException e) {
        throw new BadInputException(where() + ": corrupt or truncated compressed data (" + e.getMessage() + ")", e);
      } catch (IOException e) {
        throw new UncheckedIOException(where() + ": " + e.getMessage(), e);
      }
    }
    return next != null;
  }

  @Override
  public final SourceRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more records");
    }
    SourceRecord r = next;
    next = null;
    return r;
  }

  @Override
  public final List<SkippedRecord> skipped() {
    return Collections.unmodifiableList(skipped);
  }
}

package io.mixmo.datasets.ingest;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.datasets.source.ImageSource;
import io.mixmo.datasets.source.RecordIterator;
import io.mixmo.datasets.source.SkippedRecord;
import io.mixmo.datasets.source.SourceRecord;
import io.mixmo.worker.data.ImageShape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import scala.Tuple2;

/**
 * Executor side: reads one source part (a Java-serialised {@link PartTask}) and emits its images keyed by shard, then the records the
 * source skipped and the sha256 of the source files this task owns. Images are dealt round-robin
 * over the split's shards, starting at the part's index, so every shard gets a near-equal share of
 * every class. Each record is checked against the described shape, class count and split; a bad
 * one fails the task or is skipped, per the policy. Streams: one record in memory at a time.
 */
final class ReadPartFn implements PairFlatMapFunction<byte[], ShardKey, IngestItem> {
  private static final long serialVersionUID = 1L;

  private final ImageSource source;
  private final SerializableConfiguration hadoop;
  private final BadRecordPolicy policy;
  private final ImageShape shape;
  private final int numClasses;
  private final int shardsPerSplit;

  ReadPartFn(ImageSource source, SerializableConfiguration hadoop, BadRecordPolicy policy, ImageShape shape,
      int numClasses, int shardsPerSplit) {
    this.source = source;
    this.hadoop = hadoop;
    this.policy = policy;
    this.shape = shape;
    this.numClasses = numClasses;
    this.shardsPerSplit = shardsPerSplit;
  }

  @Override
  public Iterator<Tuple2<ShardKey, IngestItem>> call(byte[] serializedTask) throws IOException {
    PartTask task = JavaBytes.read(serializedTask, PartTask.class);
    RecordIterator records = source.read(hadoop.get(), task.part(), policy);
    TaskContext ctx = TaskContext.get();
    if (ctx != null) {
      ctx.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) c -> closeQuietly(records));
    }
    return new Items(task, records);
  }

  private static void closeQuietly(RecordIterator records) {
    try {
      records.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Problem with a record as the ingest sees it (null when it is fine). */
  private String problem(SourceRecord r, String split) {
    if (!r.split().equals(split)) {
      return "record of split '" + r.split() + "' in a part of split '" + split + "'";
    }
    if (r.pixels().length != shape.size()) {
      return "expected " + shape.size() + " pixel bytes (shape " + shape + "), found " + r.pixels().length;
    }
    if (r.label() < 0 || r.label() >= numClasses) {
      return "label must be in [0, " + numClasses + "), found " + r.label();
    }
    return null;
  }

  /** Lazily yields images, then skipped records and source hashes once the records are exhausted. */
  private final class Items implements Iterator<Tuple2<ShardKey, IngestItem>> {
    private final PartTask task;
    private final RecordIterator records;
    private final Deque<Tuple2<ShardKey, IngestItem>> tail = new ArrayDeque<>();
    private long emitted;
    private boolean drained;

    Items(PartTask task, RecordIterator records) {
      this.task = task;
      this.records = records;
    }

    @Override
    public boolean hasNext() {
      if (!drained && records.hasNext()) {
        return true;
      }
      if (!drained) {
        drained = true;
        finish();
      }
      return !tail.isEmpty();
    }

    @Override
    public Tuple2<ShardKey, IngestItem> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      if (drained) {
        return tail.poll();
      }
      SourceRecord r = records.next();
      String problem = problem(r, task.part().split());
      if (problem != null) {
        if (policy == BadRecordPolicy.FAIL) {
          throw new BadInputException(r.origin() + ": " + problem);
        }
        SkippedRecord skip = new SkippedRecord(r.origin(), problem);
        return new Tuple2<>(metaKey("skip:" + r.origin()), IngestItem.skipped(skip));
      }
      int s = (int) ((task.part().index() + emitted++) % shardsPerSplit);
      ShardKey key = new ShardKey(task.splitIndex() * shardsPerSplit + s, r.id());
      return new Tuple2<>(key, IngestItem.image(r.id(), r.label(), r.pixels()));
    }

    private void finish() {
      for (SkippedRecord s : records.skipped()) {
        tail.add(new Tuple2<>(metaKey("skip:" + s.origin()), IngestItem.skipped(s)));
      }
      for (String uri : task.hashUris()) {
        try {
          tail.add(new Tuple2<>(metaKey("sha:" + uri), IngestItem.sourceHash(uri, Sha256.of(hadoop.get(), uri))));
        } catch (IOException e) {
          throw new UncheckedIOException(uri + ": cannot read to compute its sha256", e);
        }
      }
    }

    /** Skips and hashes go to the split's first shard; their ids sort before any record id. */
    private ShardKey metaKey(String what) {
      return new ShardKey(task.splitIndex() * shardsPerSplit, "\u0000" + what);
    }
  }
}

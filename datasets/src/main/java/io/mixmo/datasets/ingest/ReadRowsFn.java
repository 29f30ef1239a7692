package io.mixmo.datasets.ingest;

import io.mixmo.datasets.read.StableIds;
import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.datasets.source.SkippedRecord;
import io.mixmo.datasets.source.SourceRecord;
import io.mixmo.datasets.source.support.BadRecord;
import io.mixmo.worker.data.ImageShape;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import scala.Tuple2;

/**
 * Executor side: decodes one partition of rows ({@link RowDecoder}) into ingest items keyed by shard.
 * An image goes to shard {@code hash(id) mod shardsPerSplit} of its split ({@link StableIds}), so a
 * dataset made from rows depends only on the rows, not on how the input was partitioned or ordered.
 * Each record is checked as {@link ReadPartFn} checks a source's; a bad row fails the task or is
 * skipped, per the policy. Streams: one row in memory at a time.
 */
final class ReadRowsFn<T> implements PairFlatMapFunction<Iterator<T>, ShardKey, IngestItem> {
  private static final long serialVersionUID = 1L;

  private final RowDecoder<T> decoder;
  private final BadRecordPolicy policy;
  private final List<String> splits;
  private final ImageShape shape;
  private final int numClasses;
  private final int shardsPerSplit;

  ReadRowsFn(RowDecoder<T> decoder, BadRecordPolicy policy, List<String> splits, ImageShape shape, int numClasses,
      int shardsPerSplit) {
    this.decoder = decoder;
    this.policy = policy;
    this.splits = List.copyOf(splits);
    this.shape = shape;
    this.numClasses = numClasses;
    this.shardsPerSplit = shardsPerSplit;
  }

  @Override
  public Iterator<Tuple2<ShardKey, IngestItem>> call(Iterator<T> rows) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Tuple2<ShardKey, IngestItem> next() {
        return item(rows.next());
      }
    };
  }

  private Tuple2<ShardKey, IngestItem> item(T row) {
    SourceRecord r;
    String problem;
    String origin;
    try {
      r = decoder.decode(row);
      origin = r.origin();
      problem = problem(r);
    } catch (BadRecord e) {
      r = null;
      origin = e.origin();
      problem = e.reason();
    }
    if (problem == null) {
      int split = splits.indexOf(r.split());
      int s = (int) Math.floorMod(StableIds.of(r.id()), (long) shardsPerSplit);
      return new Tuple2<>(new ShardKey(split * shardsPerSplit + s, r.id()), IngestItem.image(r.id(), r.label(),
          r.pixels()));
    }
    if (policy == BadRecordPolicy.FAIL) {
      throw new BadInputException(origin + ": " + problem);
    }
    // skips go to the first shard, sorted before any image id (as ReadPartFn's)
    return new Tuple2<>(new ShardKey(0, "\u0000skip:" + origin), IngestItem.skipped(new SkippedRecord(origin, problem)));
  }

  /** What is wrong with a decoded record (null when it is fine). */
  private String problem(SourceRecord r) {
    if (!splits.contains(r.split())) {
      return "split must be one of " + splits + ", found '" + r.split() + "'";
    }
    if (r.pixels().length != shape.size()) {
      return "expected " + shape.size() + " pixel bytes (shape " + shape + "), found " + r.pixels().length;
    }
    if (r.label() < 0 || r.label() >= numClasses) {
      return "label must be in [0, " + numClasses + "), found " + r.label();
    }
    return null;
  }
}

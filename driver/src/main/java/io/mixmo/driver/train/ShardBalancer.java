package io.mixmo.driver.train;

import io.mixmo.worker.data.LabeledImages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Redistributes image blocks over exactly K partitions, one block per partition, sizes differing by
 * at most one (driver side; the work runs on executors).
 *
 * <p>Images are numbered in block order (partition, then position in the partition): image g goes
 * to partition g mod K, so every shard (often one class or one file range) is striped over all
 * workers. Within a partition images keep increasing g. Spark's shuffle delivers pieces in no fixed
 * order, so each partition sorts its pieces by their first global index before concatenating: a
 * recomputed partition (lost executor) is byte-identical, which the determinism of training needs.
 * Costs one small job (block sizes) and one shuffle of the data.
 */
public final class ShardBalancer {
  private ShardBalancer() {}

  public static JavaRDD<LabeledImages> balance(JavaRDD<LabeledImages> shards, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("training.workers must be >= 1, found " + k);
    }
    List<long[]> sizes = shards.mapPartitionsWithIndex(ShardBalancer::blockSizes, true).collect();
    long[][] offsets = offsets(sizes, shards.getNumPartitions());
    return shards.mapPartitionsWithIndex((p, it) -> stripes(offsets[p], it, k), true)
        .mapToPair(t -> t)
        .partitionBy(new HashPartitioner(k))
        .mapPartitions(ShardBalancer::concatInOrder, true);
  }

  private static Iterator<long[]> blockSizes(int partition, Iterator<LabeledImages> blocks) {
    List<Long> s = new ArrayList<>();
    blocks.forEachRemaining(b -> s.add((long) b.size()));
    long[] row = new long[s.size() + 1];
    row[0] = partition;
    for (int i = 0; i < s.size(); i++) {
      row[i + 1] = s.get(i);
    }
    return List.of(row).iterator();
  }

  /** offsets[p][i] = global index of the first image of block i of partition p. */
  static long[][] offsets(List<long[]> sizes, int partitions) {
    long[][] out = new long[partitions][];
    long at = 0;
    List<long[]> byPartition = new ArrayList<>(sizes);
    byPartition.sort(Comparator.comparingLong(r -> r[0]));
    for (long[] row : byPartition) {
      long[] o = new long[row.length - 1];
      for (int i = 0; i < o.length; i++) {
        o[i] = at;
        at += row[i + 1];
      }
      out[(int) row[0]] = o;
    }
    return out;
  }

  private static Iterator<Tuple2<Integer, Tuple2<Long, LabeledImages>>> stripes(long[] offsets,
      Iterator<LabeledImages> blocks, int k) {
    List<Tuple2<Integer, Tuple2<Long, LabeledImages>>> out = new ArrayList<>();
    int b = 0;
    while (blocks.hasNext()) {
      LabeledImages block = blocks.next();
      long first = offsets[b++];
      for (int t = 0; t < k; t++) {
        int j0 = (int) Math.floorMod(t - first, (long) k);
        if (j0 >= block.size()) {
          continue;
        }
        int[] idx = new int[(block.size() - j0 + k - 1) / k];
        for (int i = 0; i < idx.length; i++) {
          idx[i] = j0 + i * k;
        }
        out.add(new Tuple2<>(t, new Tuple2<>(first + j0, block.select(idx))));
      }
    }
    return out.iterator();
  }

  private static Iterator<LabeledImages> concatInOrder(Iterator<Tuple2<Integer, Tuple2<Long, LabeledImages>>> it) {
    List<Tuple2<Long, LabeledImages>> pieces = new ArrayList<>();
    it.forEachRemaining(t -> pieces.add(t._2()));
    if (pieces.isEmpty()) {
      return List.<LabeledImages>of().iterator();
    }
    pieces.sort(Comparator.comparingLong(Tuple2::_1));
    List<LabeledImages> blocks = new ArrayList<>();
    pieces.forEach(p -> blocks.add(p._2()));
    return List.of(LabeledImages.concat(blocks)).iterator();
  }
}

package io.mixmo.datasets.ingest;

import java.io.Serializable;
import java.util.Comparator;

/**
 * Where an ingested item goes: its shard (global index, {@code splitIndex · shardsPerSplit + s})
 * and its sort key within the shard (the record id), so shard contents are in a stable order.
 * A plain class, not a record, so that Kryo can carry it through the shuffle.
 */
final class ShardKey implements Serializable {
  private static final long serialVersionUID = 1L;
  final int shard;
  final String id;

  ShardKey(int shard, String id) {
    this.shard = shard;
    this.id = id;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShardKey k && k.shard == shard && k.id.equals(id);
  }

  @Override
  public int hashCode() {
    return 31 * shard + id.hashCode();
  }

  /** Orders keys of one shard by id; Spark sorts each shard's items with it. */
  static final class ById implements Comparator<ShardKey>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(ShardKey a, ShardKey b) {
      return a.id.compareTo(b.id);
    }
  }

  /** Sends each key to the partition of its shard. */
  static final class Partitioner extends org.apache.spark.Partitioner {
    private static final long serialVersionUID = 1L;
    private final int shards;

    Partitioner(int shards) {
      this.shards = shards;
    }

    @Override
    public int numPartitions() {
      return shards;
    }

    @Override
    public int getPartition(Object key) {
      return ((ShardKey) key).shard;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Partitioner p && p.shards == shards;
    }

    @Override
    public int hashCode() {
      return shards;
    }
  }
}

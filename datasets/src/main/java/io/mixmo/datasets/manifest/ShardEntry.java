package io.mixmo.datasets.manifest;

/**
 * One Parquet shard of a dataset: its file name relative to the dataset root
 * ({@code shards/part-00003-train.parquet}), the one split it holds, its image count, size and sha256.
 */
public record ShardEntry(String file, String split, long images, long bytes, String sha256) implements java.io.Serializable {
  public ShardEntry {
    if (images < 0 || bytes < 0) {
      throw new IllegalArgumentException("shard " + file + ": images and bytes must be >= 0, found " + images + " and " + bytes);
    }
  }
}

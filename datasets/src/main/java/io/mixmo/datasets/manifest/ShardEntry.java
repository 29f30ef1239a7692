package io.mixmo.datasets.manifest;

/**
 * One Parquet shard of a dataset: its file name relative to the dataset root
 * ({@code shards/part-00003-train.parquet}), the one split it holds, its image count, size and sha256.
 * The name is confined to the dataset's folder: relative, segments of letters, digits, {@code . _ -}
 * only, no {@code .} or {@code ..} segment, no scheme, no backslash — so no manifest can make a reader
 * or {@code datasets verify} open a file outside the dataset.
 */
public record ShardEntry(String file, String split, long images, long bytes, String sha256) implements java.io.Serializable {
  private static final java.util.regex.Pattern SEGMENT = java.util.regex.Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

  public ShardEntry {
    requireInsideDataset(file);
    if (images < 0 || bytes < 0) {
      throw new IllegalArgumentException("shard " + file + ": images and bytes must be >= 0, found " + images + " and " + bytes);
    }
  }

  /** Fails unless {@code file} is a plain relative path inside the dataset folder. */
  static void requireInsideDataset(String file) {
    boolean ok = file != null && !file.isEmpty() && file.length() <= 1024;
    if (ok) {
      for (String segment : file.split("/", -1)) {
        ok &= SEGMENT.matcher(segment).matches() && !segment.equals(".") && !segment.equals("..");
      }
    }
    if (!ok) {
      throw new IllegalArgumentException("shard file '" + file + "' is not a path inside the dataset's folder"
          + " (relative, e.g. shards/part-00000-train.parquet; no '..', no absolute path or URI)");
    }
  }
}

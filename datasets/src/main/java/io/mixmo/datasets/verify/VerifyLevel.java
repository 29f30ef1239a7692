package io.mixmo.datasets.verify;

/**
 * How thoroughly {@link DatasetVerifier} checks a dataset. {@link #FAST} reads the file listing and
 * each shard's Parquet footer, plus one image per split: milliseconds per shard. {@link #FULL} also
 * streams every shard through SHA-256 and compares it with the manifest: as long as reading the data.
 */
public enum VerifyLevel {
  /** Size, footer (rows, schema, label range), first image's pixel count. */
  FAST,
  /** FAST, then the sha256 of every shard. */
  FULL;

  /** The level named {@code fast} or {@code full} (any case); an {@link IllegalArgumentException} naming {@code option} otherwise. */
  public static VerifyLevel parse(String option, String text) {
    for (VerifyLevel level : values()) {
      if (level.name().equalsIgnoreCase(text.trim())) {
        return level;
      }
    }
    throw new IllegalArgumentException(option + " must be fast or full, found '" + text + "'");
  }

  /** The name as written in options and files: {@code fast}, {@code full}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

package io.mixmo.datasets.fetch;

/** One file of a public dataset: its name under the base URL and its pinned checksum. */
public record ArchiveFile(String name, Checksum checksum) {
  public ArchiveFile {
    if (name == null || name.isBlank() || name.contains("/") || name.startsWith(".")) {
      throw new IllegalArgumentException("archive file name must be a plain file name, found '" + name + "'");
    }
  }
}

package io.mixmo.driver.runner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** The committed CIFAR-10 sample's 500 test JPEGs unpacked as {@code dir/<class>/<file>.jpg} (tests). */
public final class SampleImages {
  private SampleImages() {}

  /** Writes the archive's {@code test/<class>/<file>} entries to {@code dir/<class>/<file>}; returns {@code dir}. */
  public static Path unpackTestSplit(Path dir) throws IOException {
    try (InputStream raw = Files.newInputStream(SampleDataset.ARCHIVE);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextTarEntry()) != null) {
        String[] p = entry.getName().replaceFirst("^\\./", "").split("/");
        if (entry.isFile() && p.length == 3 && p[0].equals("test") && !p[2].startsWith(".")) {
          Path target = dir.resolve(p[1]).resolve(p[2]);
          Files.createDirectories(target.getParent());
          Files.copy(tar, target);
        }
      }
    }
    return dir;
  }
}

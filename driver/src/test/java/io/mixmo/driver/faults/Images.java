package io.mixmo.driver.faults;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Good image files for {@code predict --images}: the first JPEGs of the committed sample's test split. */
final class Images {
  private Images() {}

  /** Extracts the first {@code count} test JPEGs into {@code dir}; returns it. */
  static Path extract(Path dir, int count) throws Exception {
    Files.createDirectories(dir);
    Path archive = Launcher.PROJECT.resolve("datasets/sample/cifar10-sample.tar.gz");
    int written = 0;
    try (InputStream raw = Files.newInputStream(archive);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
      for (TarArchiveEntry e = tar.getNextTarEntry(); e != null && written < count; e = tar.getNextTarEntry()) {
        if (e.isFile() && e.getName().startsWith("test/") && e.getName().endsWith(".jpg")) {
          Files.write(dir.resolve("image-" + written++ + ".jpg"), tar.readAllBytes());
        }
      }
    }
    return dir;
  }

  /** A copy of {@code dir} in {@code to}, plus one file {@code name} holding {@code bytes}. */
  static Path withFile(Path dir, Path to, String name, byte[] bytes) throws Exception {
    Damage.copy(dir, to);
    Files.write(to.resolve(name), bytes);
    return to;
  }
}

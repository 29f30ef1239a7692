package io.mixmo.driver.guard;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Local temporary files only their owner can read (0600), for private copies of users' files such as
 * a {@code model.zip} being checked (driver side). Callers remove them in a {@code finally}.
 */
public final class PrivateTempFiles {
  private PrivateTempFiles() {}

  /** A new empty file in the JVM's temporary directory, mode 0600 where the file system is POSIX. */
  public static Path create(String prefix, String suffix) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return Files.createTempFile(prefix, suffix,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    return Files.createTempFile(prefix, suffix);
  }
}

package io.mixmo.driver.run;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.support.HadoopFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A private local copy of a model file together with the sha256 of exactly the bytes copied (driver
 * side): a model that must have a recorded hash (the promoted model, a warm start) is hashed while it
 * is copied, the hash is compared, and the copy — not the original, which could change in between —
 * is what is loaded. The copy lives in its own directory under {@code java.io.tmpdir} (0700, the file
 * 0600) and is removed by {@link #close}.
 */
public final class VerifiedCopy implements AutoCloseable {
  private final Path source;
  private final java.nio.file.Path dir;
  private final java.nio.file.Path file;
  private final String sha256;

  private VerifiedCopy(Path source, java.nio.file.Path dir, java.nio.file.Path file, String sha256) {
    this.source = source;
    this.dir = dir;
    this.file = file;
    this.sha256 = sha256;
  }

  /**
   * Copies {@code source} (a file on any Hadoop file system) to a private local file, hashing the
   * bytes as they are copied. {@code label} goes into the temporary directory's name (e.g. a run id).
   */
  public static VerifiedCopy of(Configuration hadoop, Path source, String label) throws IOException {
    FileSystem fs = HadoopFiles.fileSystem(hadoop, source);
    String safe = label.replaceAll("[^A-Za-z0-9_-]", "");
    java.nio.file.Path dir = Files.createTempDirectory("mixmo-verified-" + safe + "-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    java.nio.file.Path file = dir.resolve(source.getName().isEmpty() ? RunDirectory.MODEL : source.getName());
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      MessageDigest md = newDigest();
      try (InputStream in = new DigestInputStream(fs.open(source), md); OutputStream out = Files.newOutputStream(file)) {
        in.transferTo(out);
      }
      return new VerifiedCopy(source, dir, file, HexFormat.of().formatHex(md.digest()));
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
      throw e;
    }
  }

  /** The file that was copied. */
  public Path source() {
    return source;
  }

  /** The sha256 of the copied bytes (hex). */
  public String sha256() {
    return sha256;
  }

  /** The local copy as a Hadoop URI ({@code file:/...}), for code that loads models by URI. */
  public String uri() {
    return new Path(file.toUri()).toString();
  }

  /**
   * Fails with a {@link BadInputException} (exit code 3) naming {@code what} and the file unless the
   * copied bytes have sha256 {@code expected}.
   */
  public VerifiedCopy require(String expected, String what, String fix) {
    if (!sha256.equals(expected)) {
      throw new BadInputException(what + " " + source + " has sha256 " + sha256 + " but " + expected
          + " was recorded: it was changed; " + fix);
    }
    return this;
  }

  /**
   * The model in the copy ({@link ModelArchive#read}); messages name the original file, not the copy.
   */
  public ModelArchive.Saved read() throws IOException {
    try {
      return ModelArchive.read(FileSystem.getLocal(new Configuration(false)), new Path(file.toUri()));
    } catch (BadInputException e) {
      String message = e.getMessage() == null ? "" : e.getMessage().replace(uri(), source.toString())
          .replace(file.toString(), source.toString());
      throw new BadInputException(message, e);
    }
  }

  /** Removes the copy and its directory. */
  @Override
  public void close() throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(dir);
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}

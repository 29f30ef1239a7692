package io.mixmo.datasets.fetch;

import io.mixmo.datasets.source.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Streams one URL into a file on a Hadoop file system while digesting it, then checks the length
 * announced by the server and the pinned checksum. Runs on the driver. The caller owns the target
 * file and deletes it when anything fails.
 */
final class Downloader {
  private final HttpClient http;

  Downloader(HttpClient http) {
    this.http = http;
  }

  /** Downloads {@code url} into {@code target}; fails unless its checksum is {@code file.checksum()}. */
  void download(URI url, FileSystem fs, Path target, ArchiveFile file) throws IOException {
    HttpResponse<InputStream> response = send(url);
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("download of " + url + " failed: HTTP " + response.statusCode() + " (expected 200)");
      }
      long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      MessageDigest digest = file.checksum().newDigest();
      long received = copy(url, body, fs, target, digest, announced);
      if (announced >= 0 && received != announced) {
        throw new IOException("download of " + url + " was interrupted: expected " + announced + " bytes, received "
            + received);
      }
      String found = Checksum.hex(digest);
      if (!found.equals(file.checksum().hex())) {
        throw new BadInputException("checksum mismatch for " + file.name() + " downloaded from " + url + ": expected "
            + file.checksum().algorithm() + " " + file.checksum().hex() + ", found " + found);
      }
    }
  }

  private HttpResponse<InputStream> send(URI url) throws IOException {
    try {
      return http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("download of " + url + " was interrupted before it started");
    } catch (IOException e) {
      throw new IOException("download of " + url + " failed: " + e, e);
    }
  }

  private static long copy(URI url, InputStream body, FileSystem fs, Path target, MessageDigest digest,
      long announced) throws IOException {
    long received = 0;
    byte[] buf = new byte[1 << 16];
    try (OutputStream out = fs.create(target, true)) {
      for (int k = body.read(buf); k >= 0; k = body.read(buf)) {
        digest.update(buf, 0, k);
        out.write(buf, 0, k);
        received += k;
      }
    } catch (IOException e) {
      throw new IOException("download of " + url + " was interrupted after " + received + " bytes"
          + (announced >= 0 ? " of " + announced : "") + ": " + e.getMessage(), e);
    }
    return received;
  }

  /** Whether the existing file {@code p} has checksum {@code c}. */
  static boolean matches(FileSystem fs, Path p, Checksum c) throws IOException {
    MessageDigest digest = c.newDigest();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = fs.open(p)) {
      for (int k = in.read(buf); k >= 0; k = in.read(buf)) {
        digest.update(buf, 0, k);
      }
    }
    return Checksum.hex(digest).equals(c.hex());
  }
}

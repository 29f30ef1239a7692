package io.mixmo.datasets.source.cifar;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.support.HadoopFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.hadoop.conf.Configuration;

/** Reading the official CIFAR {@code .tar.gz} sequentially (commons-compress over a gzip stream). */
final class CifarArchive {
  private CifarArchive() {}

  /** Opens {@code uri} as a gzipped tar. */
  static TarArchiveInputStream open(Configuration hadoop, String uri) throws IOException {
    InputStream in = HadoopFiles.open(hadoop, uri);
    try {
      return new TarArchiveInputStream(new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16));
    } catch (IOException e) {
      in.close();
      throw new BadInputException(uri + " is not a gzipped tar archive: " + e.getMessage(), e);
    }
  }

  /** Base name of an archive entry. */
  static String baseName(TarArchiveEntry entry) {
    String n = entry.getName();
    return n.substring(n.lastIndexOf('/') + 1);
  }

  /**
   * Reads the whole archive once: checks every data file of both splits is there and returns the
   * class names (from the names file when the archive has one, else indices).
   */
  static List<String> scan(Configuration hadoop, String uri, CifarVariant variant, CifarLabels labels)
      throws IOException {
    int n = variant.numClasses(labels);
    String namesFile = variant.classNamesFile(labels);
    List<String> names = indexNames(n);
    Set<String> seen = new HashSet<>();
    try (TarArchiveInputStream tar = open(hadoop, uri)) {
      for (TarArchiveEntry e = tar.getNextTarEntry(); e != null; e = tar.getNextTarEntry()) {
        if (!e.isFile()) {
          continue;
        }
        seen.add(baseName(e));
        if (baseName(e).equals(namesFile)) {
          names = parseNames(HadoopFiles.readLines(tar), n, uri + "!/" + e.getName());
        }
      }
    } catch (IOException e) {
      throw new BadInputException("cannot read archive " + uri + ": " + e.getMessage(), e);
    }
    for (String split : List.of("train", "test")) {
      for (String f : variant.files(split)) {
        if (!seen.contains(f)) {
          throw new BadInputException("archive " + uri + " has no entry " + f + " (split " + split
              + " expects " + String.join(", ", variant.files(split)) + ")");
        }
      }
    }
    return names;
  }

  /** Non-blank lines, trimmed; there must be exactly {@code n}. */
  static List<String> parseNames(List<String> lines, int n, String where) {
    List<String> names = new ArrayList<>();
    for (String l : lines) {
      if (!l.isBlank()) {
        names.add(l.strip());
      }
    }
    if (names.size() != n) {
      throw new BadInputException(where + ": expected " + n + " class names, one per line, found " + names.size());
    }
    return names;
  }

  static List<String> indexNames(int n) {
    List<String> names = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      names.add(Integer.toString(i));
    }
    return names;
  }
}

package io.mixmo.datasets.sample;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Draws the committed class-balanced sample from an image-folder archive ({@code split/class/file}):
 * for every class, the first {@code trainPerClass} file names of {@code train} and the first
 * {@code testPerClass} of {@code test}, in sorted name order. The JPEG bytes are copied unchanged.
 * The output is byte-reproducible: entries sorted, fixed owner, mode and time, gzip time 0.
 *
 * <p>Usage: {@code SampleMaker <source.tar.gz> <out.tar.gz> [trainPerClass=300] [testPerClass=50]}.
 * Runs on a developer machine (local files), not on a cluster.
 */
public final class SampleMaker {
  /** 2009-04-08T00:00:00Z, the CIFAR-10 tech report's date: a fixed time for every entry. */
  private static final long ENTRY_TIME = 1239148800000L;

  private SampleMaker() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: SampleMaker <source.tar.gz> <out.tar.gz> [trainPerClass=300] [testPerClass=50]");
      System.exit(2);
    }
    int train = args.length > 2 ? Integer.parseInt(args[2]) : 300;
    int test = args.length > 3 ? Integer.parseInt(args[3]) : 50;
    Map<String, byte[]> chosen = choose(Path.of(args[0]), train, test);
    write(Path.of(args[1]), chosen);
    System.out.println("wrote " + chosen.size() + " images to " + args[1]);
  }

  /** Entry name → bytes of the chosen images: the first n names per split/class in sorted order. */
  static Map<String, byte[]> choose(Path source, int trainPerClass, int testPerClass) throws IOException {
    Map<String, TreeMap<String, byte[]>> byFolder = new TreeMap<>();
    try (InputStream raw = Files.newInputStream(source);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(new BufferedInputStream(raw)))) {
      TarArchiveEntry e;
      while ((e = tar.getNextTarEntry()) != null) {
        String name = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
        String[] p = name.split("/");
        if (!e.isFile() || p.length != 3) {
          continue;
        }
        int limit = p[0].equals("train") ? trainPerClass : p[0].equals("test") ? testPerClass : 0;
        TreeMap<String, byte[]> folder = byFolder.computeIfAbsent(p[0] + "/" + p[1], k -> new TreeMap<>());
        folder.put(name, tar.readAllBytes());
        while (folder.size() > limit) {
          folder.pollLastEntry();
        }
      }
    }
    Map<String, byte[]> chosen = new TreeMap<>();
    byFolder.values().forEach(chosen::putAll);
    return chosen;
  }

  static void write(Path out, Map<String, byte[]> entries) throws IOException {
    try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(out));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(raw))) {
      String lastDir = "";
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        String dir = e.getKey().substring(0, e.getKey().lastIndexOf('/') + 1);
        if (!dir.equals(lastDir)) {
          putDirectories(tar, lastDir, dir);
          lastDir = dir;
        }
        TarArchiveEntry entry = entry(e.getKey(), TarArchiveEntry.DEFAULT_FILE_MODE);
        entry.setSize(e.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
    }
  }

  /** Adds the directory entries of {@code dir} ("train/cat/") not already opened by {@code previous}. */
  private static void putDirectories(TarArchiveOutputStream tar, String previous, String dir) throws IOException {
    String[] parts = dir.split("/");
    StringBuilder path = new StringBuilder();
    for (String part : parts) {
      path.append(part).append('/');
      if (!previous.startsWith(path.toString())) {
        tar.putArchiveEntry(entry(path.toString(), TarArchiveEntry.DEFAULT_DIR_MODE));
        tar.closeArchiveEntry();
      }
    }
  }

  private static TarArchiveEntry entry(String name, int mode) {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setMode(mode);
    e.setModTime(new Date(ENTRY_TIME));
    e.setUserId(0);
    e.setGroupId(0);
    e.setUserName("");
    e.setGroupName("");
    return e;
  }
}

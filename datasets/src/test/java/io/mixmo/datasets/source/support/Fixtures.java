package io.mixmo.datasets.source.support;

import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.datasets.source.ImageSource;
import io.mixmo.datasets.source.RecordIterator;
import io.mixmo.datasets.source.SkippedRecord;
import io.mixmo.datasets.source.SourcePart;
import io.mixmo.datasets.source.SourceRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.hadoop.conf.Configuration;

/** Test helpers: reading a whole split of a source, writing gzip and tar.gz files byte by byte. */
public final class Fixtures {
  private Fixtures() {}

  /** Everything a read of a split gave: records in part order, and what was skipped. */
  public record SplitRead(List<SourceRecord> records, List<SkippedRecord> skipped) {}

  public static Configuration hadoop() {
    return new Configuration(false);
  }

  /** A {@code file://} URI for a local path. */
  public static String uri(Path p) {
    return p.toUri().toString();
  }

  /** Reads every part of {@code split} in order. */
  public static SplitRead readSplit(ImageSource source, String split, BadRecordPolicy policy) throws IOException {
    List<SourceRecord> records = new ArrayList<>();
    List<SkippedRecord> skipped = new ArrayList<>();
    for (SourcePart part : source.parts(hadoop(), split)) {
      try (RecordIterator it = source.read(hadoop(), part, policy)) {
        it.forEachRemaining(records::add);
        skipped.addAll(it.skipped());
      }
    }
    return new SplitRead(records, skipped);
  }

  public static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  /** Writes a .tar.gz holding {@code entries} (name → content) in map order. */
  public static void tarGz(Path target, Map<String, byte[]> entries) throws IOException {
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(target)))) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
        entry.setSize(e.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
    }
  }
}

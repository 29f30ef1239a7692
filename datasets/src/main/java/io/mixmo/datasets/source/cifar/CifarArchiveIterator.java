package io.mixmo.datasets.source.cifar;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.datasets.source.SourceRecord;
import io.mixmo.datasets.source.support.BadRecord;
import io.mixmo.datasets.source.support.HadoopFiles;
import io.mixmo.datasets.source.support.PolicyIterator;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.hadoop.conf.Configuration;

/** The records of one split's data files inside the official {@code .tar.gz}, in archive order. */
final class CifarArchiveIterator extends PolicyIterator {
  private final String archive;
  private final CifarRecords records;
  private final Set<String> missing;
  private final TarArchiveInputStream tar;
  private final byte[] buf;
  private String entry;
  private long index;

  CifarArchiveIterator(Configuration hadoop, String archive, CifarRecords records, List<String> files,
      BadRecordPolicy policy) throws IOException {
    super(policy);
    this.archive = archive;
    this.records = records;
    this.missing = new LinkedHashSet<>(files);
    this.tar = CifarArchive.open(hadoop, archive);
    this.buf = new byte[records.recordSize()];
  }

  @Override
  protected SourceRecord fetch() throws BadRecord, IOException {
    while (true) {
      if (entry == null && !nextEntry()) {
        return null;
      }
      int got = HadoopFiles.readFully(tar, buf, 0, buf.length);
      if (got == 0) {
        entry = null;
        continue;
      }
      return records.decode(buf, got, entry, index++);
    }
  }

  /** Moves to the next data entry of the split; false at the end of the archive. */
  private boolean nextEntry() throws IOException {
    if (missing.isEmpty()) {
      return false;
    }
    for (TarArchiveEntry e = tar.getNextTarEntry(); e != null; e = tar.getNextTarEntry()) {
      if (e.isFile() && missing.remove(CifarArchive.baseName(e))) {
        entry = archive + "!/" + e.getName();
        index = 0;
        return true;
      }
    }
    if (!missing.isEmpty()) {
      throw new BadInputException("archive " + archive + " has no entry " + String.join(", ", missing));
    }
    return false;
  }

  @Override
  protected String where() {
    return (entry != null ? entry : archive) + "#record=" + index;
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }
}

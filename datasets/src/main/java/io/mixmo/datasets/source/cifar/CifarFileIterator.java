package io.mixmo.datasets.source.cifar;

import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.datasets.source.SourcePart;
import io.mixmo.datasets.source.SourceRecord;
import io.mixmo.datasets.source.support.BadRecord;
import io.mixmo.datasets.source.support.HadoopFiles;
import io.mixmo.datasets.source.support.PolicyIterator;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

/** Records {@code [firstRecord, endRecord)} of one extracted CIFAR data file, read after a seek. */
final class CifarFileIterator extends PolicyIterator {
  private final CifarRecords records;
  private final String file;
  private final long end;
  private final InputStream in;
  private final byte[] buf;
  private long index;

  CifarFileIterator(Configuration hadoop, SourcePart part, CifarRecords records, BadRecordPolicy policy)
      throws IOException {
    super(policy);
    this.records = records;
    this.file = part.uris().get(0);
    this.end = part.endRecord();
    this.index = part.firstRecord();
    this.buf = new byte[records.recordSize()];
    Path p = new Path(file);
    FSDataInputStream raw = p.getFileSystem(hadoop).open(p, 1 << 16);
    try {
      raw.seek(index * records.recordSize());
    } catch (IOException e) {
      raw.close();
      throw e;
    }
    this.in = new BufferedInputStream(raw, 1 << 16);
  }

  @Override
  protected SourceRecord fetch() throws BadRecord, IOException {
    if (end >= 0 && index >= end) {
      return null;
    }
    int got = HadoopFiles.readFully(in, buf, 0, buf.length);
    if (got == 0) {
      return null;
    }
    return records.decode(buf, got, file, index++);
  }

  @Override
  protected String where() {
    return file + "#record=" + index;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

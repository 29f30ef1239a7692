package io.mixmo.datasets.source.idx;

import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.datasets.source.SourcePart;
import io.mixmo.datasets.source.SourceRecord;
import io.mixmo.datasets.source.support.BadRecord;
import io.mixmo.datasets.source.support.HadoopFiles;
import io.mixmo.datasets.source.support.PolicyIterator;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

/** Images {@code [firstRecord, endRecord)} of one IDX images/labels pair, read side by side. */
final class IdxIterator extends PolicyIterator {
  private final String name;
  private final String split;
  private final int numClasses;
  private final long end;
  private final IdxHeader imagesHeader;
  private final IdxHeader labelsHeader;
  private final DataInputStream images;
  private final DataInputStream labels;
  private long index;
  private boolean truncated;

  IdxIterator(Configuration hadoop, SourcePart part, String name, int numClasses, BadRecordPolicy policy)
      throws IOException {
    super(policy);
    this.name = name;
    this.split = part.split();
    this.numClasses = numClasses;
    this.index = part.firstRecord();
    this.images = open(hadoop, part.uris().get(0));
    this.labels = openOrClose(hadoop, part.uris().get(1), images);
    try {
      this.imagesHeader = IdxHeader.read(images, part.uris().get(0), true);
      this.labelsHeader = IdxHeader.read(labels, part.uris().get(1), false);
      IdxHeader.requireSameCount(imagesHeader, labelsHeader);
      this.end = part.endRecord() < 0 ? imagesHeader.count() : Math.min(part.endRecord(), imagesHeader.count());
      images.skipNBytes(index * imagesHeader.itemBytes());
      labels.skipNBytes(index);
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private static DataInputStream openOrClose(Configuration hadoop, String uri, InputStream other) throws IOException {
    try {
      return open(hadoop, uri);
    } catch (IOException | RuntimeException e) {
      other.close();
      throw e;
    }
  }

  private static DataInputStream open(Configuration hadoop, String uri) throws IOException {
    Path p = new Path(uri);
    FSDataInputStream raw = p.getFileSystem(hadoop).open(p, 1 << 16);
    InputStream in = uri.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
    return new DataInputStream(new BufferedInputStream(in, 1 << 16));
  }

  @Override
  protected SourceRecord fetch() throws BadRecord, IOException {
    if (truncated || index >= end) {
      return null;
    }
    long i = index++;
    int size = imagesHeader.itemBytes();
    byte[] pixels = new byte[size];
    int got = HadoopFiles.readFully(images, pixels, 0, size);
    String origin = imagesHeader.uri() + "#record=" + i;
    if (got < size) {
      truncated = true;
      throw new BadRecord(origin, "record " + i + " at byte offset " + (16 + i * size) + " is incomplete: expected "
          + size + " bytes, found " + got + " (truncated file? its header says " + imagesHeader.count() + " images)");
    }
    int label = labels.read();
    if (label < 0) {
      truncated = true;
      throw new BadRecord(labelsHeader.uri() + "#record=" + i, "label " + i + " at byte offset " + (8 + i)
          + " is missing: expected 1 byte, found 0 (truncated file? its header says " + labelsHeader.count()
          + " labels)");
    }
    if (label >= numClasses) {
      throw new BadRecord(labelsHeader.uri() + "#record=" + i, "label out of range for record " + i
          + " at byte offset " + (8 + i) + ": expected a label in [0, " + numClasses + "), found " + label);
    }
    return new SourceRecord(name + "/" + split + "/" + i, split, label, pixels, origin);
  }

  @Override
  protected String where() {
    return imagesHeader.uri() + "#record=" + index;
  }

  @Override
  public void close() throws IOException {
    try {
      images.close();
    } finally {
      labels.close();
    }
  }
}

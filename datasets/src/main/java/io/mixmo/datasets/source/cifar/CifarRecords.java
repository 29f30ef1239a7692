package io.mixmo.datasets.source.cifar;

import io.mixmo.datasets.source.SourceRecord;
import io.mixmo.datasets.source.support.BadRecord;
import java.util.Arrays;

/** Turns the bytes of one CIFAR record into a {@link SourceRecord}, checking length and label. */
final class CifarRecords {
  private final CifarVariant variant;
  private final int labelOffset;
  private final int numClasses;
  private final String split;

  CifarRecords(CifarVariant variant, CifarLabels labels, String split) {
    this.variant = variant;
    this.labelOffset = variant.labelOffset(labels);
    this.numClasses = variant.numClasses(labels);
    this.split = split;
  }

  int recordSize() {
    return variant.recordSize();
  }

  /**
   * @param buf the record's bytes, {@code got} of them valid
   * @param file the file (or archive entry) the record is in, for ids and messages
   * @param index the record's index in that file
   */
  SourceRecord decode(byte[] buf, int got, String file, long index) throws BadRecord {
    long offset = index * variant.recordSize();
    String origin = file + "#record=" + index;
    if (got < variant.recordSize()) {
      throw new BadRecord(origin, "record " + index + " at byte offset " + offset + " is incomplete: expected "
          + variant.recordSize() + " bytes, found " + got + " (truncated file?)");
    }
    int label = buf[labelOffset] & 0xFF;
    if (label >= numClasses) {
      throw new BadRecord(origin, "label out of range in record " + index + " at byte offset " + offset
          + ": expected a label in [0, " + numClasses + "), found " + label);
    }
    byte[] pixels = Arrays.copyOfRange(buf, variant.labelBytes(), variant.recordSize());
    String stem = stem(file);
    return new SourceRecord(variant.id() + "/" + split + "/" + stem + "/" + index, split, label, pixels, origin);
  }

  private static String stem(String file) {
    String name = file.substring(file.lastIndexOf('/') + 1);
    return name.endsWith(".bin") ? name.substring(0, name.length() - 4) : name;
  }
}

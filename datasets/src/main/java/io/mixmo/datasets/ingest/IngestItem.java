package io.mixmo.datasets.ingest;

import io.mixmo.datasets.source.SkippedRecord;
import java.io.Serializable;

/**
 * What a read task sends to a shard writer: a decoded image, a record skipped under the skip
 * policy, or the sha256 of a source file. Skips and hashes ride the same shuffle as the images so
 * the single ingest job returns everything the manifest needs.
 *
 * <p>A plain class of strings, ints and a byte array (not a record): it crosses the shuffle with
 * whatever serializer the session uses, Kryo included (Spark's Kryo 4 cannot build records).
 */
final class IngestItem implements Serializable {
  private static final long serialVersionUID = 1L;

  enum Kind { IMAGE, SKIPPED, SOURCE_HASH }

  final Kind kind;
  /** Image id; skipped record's origin; hashed file's URI. */
  final String name;
  /** Skip reason; sha256 hex; null for an image. */
  final String text;
  final int label;
  final byte[] pixels;

  private IngestItem(Kind kind, String name, String text, int label, byte[] pixels) {
    this.kind = kind;
    this.name = name;
    this.text = text;
    this.label = label;
    this.pixels = pixels;
  }

  static IngestItem image(String id, int label, byte[] pixels) {
    return new IngestItem(Kind.IMAGE, id, null, label, pixels);
  }

  static IngestItem skipped(SkippedRecord r) {
    return new IngestItem(Kind.SKIPPED, r.origin(), r.reason(), -1, null);
  }

  static IngestItem sourceHash(String uri, String sha256) {
    return new IngestItem(Kind.SOURCE_HASH, uri, sha256, -1, null);
  }

  SkippedRecord skippedRecord() {
    return new SkippedRecord(name, text);
  }
}

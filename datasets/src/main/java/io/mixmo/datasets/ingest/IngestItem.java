package io.mixmo.datasets.ingest;

import io.mixmo.datasets.source.SkippedRecord;
import java.io.Serializable;

/**
 * What a read task sends to a shard writer: a decoded image, a record skipped under the skip
 * policy, or the sha256 of a source file. Skips and hashes ride the same shuffle as the images so
 * the single ingest job returns everything the manifest needs.
 */
sealed interface IngestItem extends Serializable {

  record Image(String id, int label, byte[] pixels) implements IngestItem {}

  record Skipped(SkippedRecord record) implements IngestItem {}

  record SourceHash(String uri, String sha256) implements IngestItem {}
}

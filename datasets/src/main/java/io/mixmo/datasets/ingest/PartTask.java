package io.mixmo.datasets.ingest;

import io.mixmo.datasets.source.SourcePart;
import java.io.Serializable;
import java.util.List;

/**
 * One read task of an ingest: a source part, the index of its split, and the source files this
 * task hashes (each distinct source file is hashed by exactly one task, chosen on the driver).
 */
record PartTask(SourcePart part, int splitIndex, List<String> hashUris) implements Serializable {
  PartTask {
    hashUris = List.copyOf(hashUris);
  }
}

package io.mixmo.datasets.source;

import java.io.Serializable;
import java.util.List;

/**
 * One unit of reading: a split, one or more file URIs, and a record range when a file is split
 * further ({@code firstRecord} inclusive, {@code endRecord} exclusive, -1 for "to the end").
 * {@code index} orders parts within a split so ids are stable across runs.
 */
public record SourcePart(String split, int index, List<String> uris, long firstRecord, long endRecord)
    implements Serializable {
  public SourcePart {
    uris = List.copyOf(uris);
  }
}

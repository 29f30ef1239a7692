package io.mixmo.datasets.fetch;

import io.mixmo.datasets.source.ImageSource;
import java.util.List;

/**
 * What a fetch produced: the verified files (URIs), the source reading them, and a one-line
 * description for the ingest's provenance (dataset, where the files came from, their checksums).
 */
public record FetchResult(PublicDataset dataset, ImageSource source, List<String> files, String description) {
  public FetchResult {
    files = List.copyOf(files);
  }
}

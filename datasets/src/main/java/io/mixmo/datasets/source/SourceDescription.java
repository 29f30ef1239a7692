package io.mixmo.datasets.source;

import io.mixmo.worker.data.ImageShape;
import java.io.Serializable;
import java.util.List;

/** What a source holds: class names by index, the image shape, the splits it has ("train", "test", ...). */
public record SourceDescription(List<String> classes, ImageShape shape, List<String> splits) implements Serializable {
  public SourceDescription {
    classes = List.copyOf(classes);
    splits = List.copyOf(splits);
  }
}

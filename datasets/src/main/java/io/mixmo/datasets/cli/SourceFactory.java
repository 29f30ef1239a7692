package io.mixmo.datasets.cli;

import io.mixmo.datasets.source.ImageSource;
import java.util.Map;

/** Makes a source of one format from its URI and the {@code --source-option key=value} pairs. Driver side. */
@FunctionalInterface
public interface SourceFactory {
  ImageSource create(String uri, Map<String, String> options);
}

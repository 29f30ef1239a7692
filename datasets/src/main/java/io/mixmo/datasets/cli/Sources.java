package io.mixmo.datasets.cli;

import io.mixmo.datasets.source.ImageSource;
import io.mixmo.datasets.source.folder.FolderImageSource;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The source formats {@code ingest --source-format} knows, by name. Each stream registers its own
 * formats in its own block below; a name registered twice is a programming error.
 */
public final class Sources {
  private static final Map<String, SourceFactory> FACTORIES = new TreeMap<>();

  static {
    registerFolderSources();
    registerPublishedFormatSources();
  }

  private Sources() {}

  /** Image folders {@code split/class/file} (directory or .tar.gz): the dsingest stream. */
  private static void registerFolderSources() {
    register("folder", (uri, options) -> {
      requireNoOptions("folder", options);
      return new FolderImageSource(uri);
    });
  }

  /**
   * CIFAR-10/100 binary, Tiny ImageNet, IDX, Parquet tables: the dssources stream registers its
   * formats here ({@code register("cifar10", ...)} etc.).
   */
  private static void registerPublishedFormatSources() {
    PublishedSources.registerAll(Sources::register);
  }

  /** Adds a format; fails when the name is taken. */
  public static synchronized void register(String name, SourceFactory factory) {
    if (FACTORIES.putIfAbsent(name, factory) != null) {
      throw new IllegalStateException("source format '" + name + "' is registered twice");
    }
  }

  /** The registered format names, sorted. */
  public static synchronized Set<String> names() {
    return Set.copyOf(FACTORIES.keySet());
  }

  /** A source of format {@code name} reading {@code uri}; an unknown name is an error listing the known ones. */
  public static synchronized ImageSource create(String name, String uri, Map<String, String> options) {
    SourceFactory f = FACTORIES.get(name);
    if (f == null) {
      throw new IllegalArgumentException("--source-format must be one of " + new java.util.TreeSet<>(FACTORIES.keySet())
          + ", found '" + name + "'");
    }
    return f.create(uri, options);
  }

  static void requireNoOptions(String format, Map<String, String> options) {
    if (!options.isEmpty()) {
      throw new IllegalArgumentException("--source-option: format '" + format + "' takes no options, found "
          + options.keySet());
    }
  }
}

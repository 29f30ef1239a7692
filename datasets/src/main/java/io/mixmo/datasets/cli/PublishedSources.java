package io.mixmo.datasets.cli;

import io.mixmo.datasets.source.ImageSource;
import io.mixmo.datasets.source.cifar.CifarLabels;
import io.mixmo.datasets.source.cifar.CifarSource;
import io.mixmo.datasets.source.cifar.CifarVariant;
import io.mixmo.datasets.source.idx.IdxSource;
import io.mixmo.datasets.source.parquet.ParquetTableSource;
import io.mixmo.datasets.source.parquet.ParquetTableSpec;
import io.mixmo.datasets.source.parquet.PixelEncoding;
import io.mixmo.datasets.source.support.HadoopFiles;
import io.mixmo.datasets.source.tiny.TinyImageNetSource;
import io.mixmo.worker.data.ImageShape;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The published-format sources by name, for {@code ingest --source-format} (driver side):
 * {@code cifar10}, {@code cifar100} (option {@code labels=fine|coarse}), {@code tiny-imagenet}
 * ({@code size=64}), {@code idx} ({@code classes=mnist|fashion-mnist|<n1,n2,...>}, {@code name}) and
 * {@code parquet} ({@code shape=CxHxW}, {@code classes=<count>|<n1,n2,...>}, {@code image-column=image},
 * {@code label-column=label}, {@code encoding=encoded|raw}, {@code splits=train,test}: the table of
 * split s is the folder {@code <uri>/s}; {@code name=parquet}).
 */
final class PublishedSources {
  private PublishedSources() {}

  static void registerAll(BiConsumer<String, SourceFactory> register) {
    register.accept("cifar10", (uri, o) -> {
      allow("cifar10", o);
      return new CifarSource(uri, CifarVariant.CIFAR10);
    });
    register.accept("cifar100", (uri, o) -> {
      allow("cifar100", o, "labels");
      String labels = o.getOrDefault("labels", "fine").toUpperCase(Locale.ROOT);
      if (!labels.equals("FINE") && !labels.equals("COARSE")) {
        throw new IllegalArgumentException("--source-option labels must be fine or coarse, found '" + o.get("labels") + "'");
      }
      return new CifarSource(uri, CifarVariant.CIFAR100, CifarLabels.valueOf(labels));
    });
    register.accept("tiny-imagenet", (uri, o) -> {
      allow("tiny-imagenet", o, "size");
      return new TinyImageNetSource(uri, integer(o, "size", 64));
    });
    register.accept("idx", PublishedSources::idx);
    register.accept("parquet", PublishedSources::parquet);
  }

  private static ImageSource idx(String uri, Map<String, String> o) {
    allow("idx", o, "classes", "name");
    String classes = o.getOrDefault("classes", "mnist");
    List<String> names = switch (classes) {
      case "mnist" -> IdxSource.MNIST_CLASSES;
      case "fashion-mnist" -> IdxSource.FASHION_MNIST_CLASSES;
      default -> names(classes);
    };
    String name = o.getOrDefault("name", classes.contains(",") ? "idx" : classes);
    return new IdxSource(uri, name, names, IdxSource.RECORDS_PER_PART);
  }

  private static ImageSource parquet(String uri, Map<String, String> o) {
    allow("parquet", o, "shape", "classes", "image-column", "label-column", "encoding", "splits", "name");
    String shape = require(o, "shape", "CxHxW, e.g. 3x32x32");
    String[] dims = shape.toLowerCase(Locale.ROOT).split("x");
    if (dims.length != 3) {
      throw new IllegalArgumentException("--source-option shape must be CxHxW, found '" + shape + "'");
    }
    ImageShape s = new ImageShape(parse("shape", dims[0]), parse("shape", dims[1]), parse("shape", dims[2]));
    String classes = require(o, "classes", "a class count or comma-separated names");
    List<String> names = classes.matches("\\d+") ? ParquetTableSpec.indexClasses(parse("classes", classes)) : names(classes);
    Map<String, String> tables = new LinkedHashMap<>();
    for (String split : names(o.getOrDefault("splits", "train,test"))) {
      tables.put(split, HadoopFiles.child(uri, split));
    }
    String encoding = o.getOrDefault("encoding", "encoded").toUpperCase(Locale.ROOT);
    if (!encoding.equals("RAW") && !encoding.equals("ENCODED")) {
      throw new IllegalArgumentException("--source-option encoding must be raw or encoded, found '" + o.get("encoding") + "'");
    }
    return new ParquetTableSource(new ParquetTableSpec(o.getOrDefault("name", "parquet"), tables,
        o.getOrDefault("image-column", "image"), o.getOrDefault("label-column", "label"), PixelEncoding.valueOf(encoding),
        s, names));
  }

  private static void allow(String format, Map<String, String> options, String... keys) {
    Set<String> allowed = Set.of(keys);
    for (String k : options.keySet()) {
      if (!allowed.contains(k)) {
        throw new IllegalArgumentException("--source-option: format '" + format + "' takes "
            + (keys.length == 0 ? "no options" : "options " + Arrays.toString(keys)) + ", found '" + k + "'");
      }
    }
  }

  private static String require(Map<String, String> o, String key, String what) {
    String v = o.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("--source-option " + key + " is required (" + what + ")");
    }
    return v;
  }

  private static int integer(Map<String, String> o, String key, int fallback) {
    return o.containsKey(key) ? parse(key, o.get(key)) : fallback;
  }

  private static int parse(String key, String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--source-option " + key + " must be an integer, found '" + value + "'");
    }
  }

  private static List<String> names(String csv) {
    return Arrays.stream(csv.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList();
  }
}

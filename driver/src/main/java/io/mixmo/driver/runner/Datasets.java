package io.mixmo.driver.runner;

import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.read.SparkShards;
import io.mixmo.datasets.source.BadInputException;
import io.mixmo.driver.config.ConfigException;
import io.mixmo.worker.data.LabeledImages;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;

/** The runners' access to an ingested dataset, with failures naming the path or key (driver side). */
public final class Datasets {
  private Datasets() {}

  /** The dataset's manifest; a {@link BadInputException} naming the dataset if it cannot be read. */
  public static Manifest manifest(Configuration hadoop, String datasetUri) {
    try {
      return Manifest.read(hadoop, datasetUri);
    } catch (IOException | RuntimeException e) {
      throw new BadInputException("dataset " + datasetUri + ": cannot read its manifest.json (" + e.getMessage()
          + "); pass a directory written by 'mixmo datasets ingest'", e);
    }
  }

  /**
   * One block per shard of {@code split}, as the dataset's {@code manifest} (read once by the caller)
   * lists them; a {@link ConfigException} naming {@code key} if there is no such split.
   */
  public static JavaRDD<LabeledImages> split(SparkSession spark, String datasetUri, Manifest manifest, String split,
      String key) {
    try {
      return SparkShards.load(spark, datasetUri, manifest, split);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key + " '" + split + "': " + e.getMessage(), e);
    }
  }

  /** Fails (naming {@code key} and the splits there are) unless the dataset has {@code split}. */
  public static void requireSplit(Manifest manifest, String split, String key, String datasetUri) {
    if (!manifest.counts().containsKey(split)) {
      throw new ConfigException(key + " '" + split + "': the dataset " + datasetUri + " has no such split; its splits"
          + " are " + manifest.counts().keySet());
    }
  }

  /** Fails unless a model with {@code classes} outputs fits the dataset. */
  public static void checkClasses(String what, int classes, Manifest manifest, String datasetUri) {
    if (classes != manifest.numClasses()) {
      throw new ConfigException(what + " predicts " + classes + " classes but the dataset " + datasetUri + " has "
          + manifest.numClasses() + " " + manifest.classes());
    }
  }
}

package io.mixmo.driver.run;

import io.mixmo.driver.config.SparkConfig;

/**
 * What {@code mixmo predict} calls: for each image of a dataset split or of a folder of image files,
 * writes the ensemble's class, its probability and each member's class to {@code outputUri}.
 * Implemented by the predict package ({@code orchestration.SparkRunners} makes it); called once on the
 * driver's main thread.
 */
public interface PredictionRunner {
  /** The output formats. */
  enum Format { PARQUET, CSV }

  /** What to predict. */
  sealed interface Input permits DatasetSplit, ImageFiles {}

  /** A split of a dataset written by {@code mixmo datasets ingest}. */
  record DatasetSplit(String datasetUri, String split) implements Input {}

  /**
   * The .jpg/.jpeg/.png files under {@code uri} (a folder, searched recursively, or one file).
   *
   * @param resize scale images of another size to the model's input instead of refusing them
   * @param skipUnreadable write a row with an error message for a file that cannot be used, instead
   *     of failing the job
   */
  record ImageFiles(String uri, boolean resize, boolean skipUnreadable) implements Input {}

  /** What was written: rows with a prediction, and rows of image files that could not be used. */
  record Written(long predictions, long unreadable) {}

  Written predict(String modelUri, Input input, String outputUri, Format format, SparkConfig spark) throws Exception;
}

package io.mixmo.driver.run;

import io.mixmo.driver.config.SparkConfig;

/**
 * What {@code mixmo predict} calls: for each image of a dataset split, writes the ensemble's class,
 * its probability and each member's class to {@code outputUri}. Implemented by the master stream,
 * found with {@link java.util.ServiceLoader}; called once on the driver's main thread.
 */
public interface PredictionRunner {
  /** The output formats. */
  enum Format { PARQUET, CSV }

  /** @return the number of predictions written */
  long predict(String modelUri, String datasetUri, String split, String outputUri, Format format,
      SparkConfig spark) throws Exception;
}

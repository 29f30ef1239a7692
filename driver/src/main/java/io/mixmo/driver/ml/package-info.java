/**
 * The DataFrame API (driver side; the work runs on executors): {@link io.mixmo.driver.ml.MixMoClassifier},
 * a Spark ML Estimator whose {@code fit} ingests a DataFrame's images and runs {@code mixmo train}'s
 * session and runner in the DataFrame's own session, and {@link io.mixmo.driver.ml.MixMoClassificationModel},
 * the fitted Model/Transformer that predicts in batches on the executors. Both save and load as Spark
 * ML stages (a PipelineModel holding them included), the model with the run's {@code model.zip}
 * inside. A classic Spark session is required: Spark Connect clients have no SparkContext.
 */
package io.mixmo.driver.ml;

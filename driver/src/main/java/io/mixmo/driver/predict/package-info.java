/**
 * Prediction: {@code mixmo predict} on a dataset split or on image files, and the ensemble
 * arithmetic the DataFrame API's {@code transform} shares with it.
 *
 * <p>Driver side: {@link io.mixmo.driver.predict.SparkPredictionRunner} (the {@code run} package's
 * {@code PredictionRunner}: checks the model against its input before Spark starts, broadcasts the
 * model, writes the table) and {@link io.mixmo.driver.predict.ImageFileList} (the image files to
 * read). Executor side: {@link io.mixmo.driver.predict.PredictFn} (one partition of a dataset
 * split), {@link io.mixmo.driver.predict.PredictFilesFn} (one partition of image files, decoded by
 * {@link io.mixmo.driver.predict.ImageFilePixels}) and {@link io.mixmo.driver.predict.EnsembleRows}
 * (the prediction columns from the members' logits).
 */
package io.mixmo.driver.predict;

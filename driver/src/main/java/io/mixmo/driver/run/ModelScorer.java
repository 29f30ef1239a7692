package io.mixmo.driver.run;

import java.util.Map;

/**
 * Scores a saved model on a split of an ingested dataset with the Spark session of the run that has
 * just trained (driver side, main thread, while {@link AfterTraining} runs): the same distributed
 * evaluation and report as {@code mixmo evaluate}.
 */
@FunctionalInterface
public interface ModelScorer {
  /**
   * @param modelUri a {@code model.zip} or a run directory holding one
   * @return the report as an ordered map (count, ensembleTop1, memberTop1, nll, ece, brier, ...)
   * @throws io.mixmo.datasets.source.BadInputException the model does not fit the dataset (classes,
   *     image shape) or cannot be read
   */
  Map<String, Object> score(String modelUri, String datasetUri, String split) throws Exception;
}

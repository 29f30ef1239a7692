package io.mixmo.driver.run;

/**
 * Scores a saved model on a split of an ingested dataset with the Spark session of the run that has
 * just trained (driver side, main thread, while {@link AfterTraining} runs): the same distributed
 * evaluation and report as {@code mixmo evaluate}.
 */
@FunctionalInterface
public interface ModelScorer {
  /**
   * @param modelUri a {@code model.zip} or a run directory holding one
   * @return the figures (count, ensemble and member top-1, NLL, ECE, Brier, ... and the details)
   * @throws io.mixmo.datasets.source.BadInputException the model does not fit the dataset (classes,
   *     image shape) or cannot be read
   */
  EvaluationFigures score(String modelUri, String datasetUri, String split) throws Exception;
}

package io.mixmo.driver.train;

/**
 * The training master's slice of the configuration (driver side). From the CLI's {@code TrainConfig}:
 * workers = {@code distributed.workers}, averagingFrequency = {@code distributed.local-steps},
 * epochs = {@code optimisation.epochs}, runSeed = {@code distributed.seed}. The per-worker batch
 * ({@code optimisation.batch-size}) travels in the {@code BatchSpec} of {@link MixedBatches}, and the
 * learning rate scaled for K ({@code OptimisationConfig.effectiveLr(K)}) in the graph's optimiser.
 *
 * @param workers K, the number of partitions trained in parallel (one replica each)
 * @param averagingFrequency k, local steps between two averagings (k = 1: average after every step)
 * @param epochs number of epochs to train
 * @param runSeed the run's seed; epoch e of partition p is shuffled by {@code Seeds.derive(runSeed, e, p)}
 */
public record MasterSettings(int workers, int averagingFrequency, int epochs, long runSeed) {
  public MasterSettings {
    if (workers < 1) {
      throw new IllegalArgumentException("training.workers must be >= 1, found " + workers);
    }
    if (averagingFrequency < 1) {
      throw new IllegalArgumentException("training.averaging-frequency must be >= 1, found " + averagingFrequency);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("training.epochs must be >= 1, found " + epochs);
    }
  }
}

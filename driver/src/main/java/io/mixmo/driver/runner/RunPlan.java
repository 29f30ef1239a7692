package io.mixmo.driver.runner;

import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.source.BadInputException;
import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.config.DataConfig;
import io.mixmo.driver.config.MixingConfig;
import io.mixmo.driver.config.NetworkConfig;
import io.mixmo.driver.config.OptimisationConfig;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.driver.eval.EvaluationSettings;
import io.mixmo.driver.train.MasterSettings;
import io.mixmo.worker.augment.AugmentationSpec;
import io.mixmo.worker.batch.BatchSpec;
import io.mixmo.worker.data.Normalization;
import io.mixmo.worker.mixing.MixingSpec;
import io.mixmo.worker.net.Backbone;
import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.OptimizerConfig;
import io.mixmo.worker.seed.Seeds;
import io.mixmo.worker.train.TrainingHyperparameters;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The worker-lib and master specs of a run, mapped from the validated {@link TrainConfig} and the
 * dataset's {@link Manifest} (driver side, pure). The network takes the manifest's classes and image
 * shape; its initialisation seed derives from the run seed; the batch spec takes the manifest's
 * normalisation (train split mean/std); the schedule's epochs become iterations of one worker
 * (steps per epoch of the smallest of K balanced partitions, as the master plans them); SGD weight
 * decay is added to DL4J's L2 coefficient (both add λ·W to the gradient before the momentum update,
 * as PyTorch's {@code weight_decay} does; docs/mixmo.md §5); the evaluation runs temperature
 * scaling when the test split's logits fit {@link EvaluationSettings#MAX_COLLECTED_LOGITS}.
 *
 * @param network the network to build
 * @param batch the mixed-batch spec each worker uses
 * @param hyperparameters the optimiser (learning rate already scaled for K workers)
 * @param master K, k, epochs and run seed
 * @param stepsPerEpoch local steps of one worker per epoch
 * @param evaluation the evaluation slice
 */
public record RunPlan(NetworkSpec network, BatchSpec batch, TrainingHyperparameters hyperparameters,
    MasterSettings master, int stepsPerEpoch, EvaluationSettings evaluation) {
  /** Images per inference batch on an executor. */
  public static final int EVALUATION_BATCH = 100;
  /** Path under the run seed from which the network's initialisation seed derives. */
  static final long NETWORK_SEED_PATH = 0x6E6574L; // "net"

  /** The plan of {@code config} on the dataset described by {@code manifest}. */
  public static RunPlan of(TrainConfig config, Manifest manifest) {
    NetworkSpec network = network(config.network(), manifest, config.distributed().seed());
    int[] fm = MixMoNetworks.featureMapSize(network);
    BatchSpec batch = batch(config, manifest, fm);
    int steps = stepsPerEpoch(config, manifest, batch);
    TrainingHyperparameters hyper = hyperparameters(config.optimisation(), config.distributed().workers(), steps);
    MasterSettings master = new MasterSettings(config.distributed().workers(), config.distributed().localSteps(),
        config.optimisation().epochs(), config.distributed().seed());
    String testSplit = config.data().testSplit();
    long testImages = manifest.counts().containsKey(testSplit) ? manifest.count(testSplit) : 0;
    EvaluationSettings eval = new EvaluationSettings(network.members(), manifest.numClasses(), EVALUATION_BATCH,
        batch.normalization(), EvaluationSettings.temperatureScalingFits(testImages, network.members(),
            manifest.numClasses()));
    return new RunPlan(network, batch, hyper, master, steps, eval);
  }

  /** Rounds of one epoch: ceil(steps / k), as the master's {@code EpochPlan}. */
  public int roundsPerEpoch() {
    return (stepsPerEpoch + master.averagingFrequency() - 1) / master.averagingFrequency();
  }

  /** Rounds of the whole run. */
  public long totalRounds() {
    return (long) roundsPerEpoch() * master.epochs();
  }

  /** What {@code MixMoNetworks.build} takes: the updater and DL4J's L2 (2·l2 + weight decay). */
  public OptimizerConfig optimizer(double weightDecay) {
    return new OptimizerConfig(hyperparameters.updater(), hyperparameters.dl4jL2() + weightDecay);
  }

  static NetworkSpec network(NetworkConfig net, Manifest manifest, long runSeed) {
    long seed = Seeds.derive(runSeed, NETWORK_SEED_PATH);
    try {
      return switch (net.backbone()) {
        case SMALL -> NetworkSpec.small(net.members(), manifest.numClasses(), manifest.shape()).withSeed(seed);
        case WRN -> new NetworkSpec(Backbone.WRN, net.depth(), net.width(), net.members(), manifest.numClasses(),
            manifest.shape(), seed, DataType.FLOAT);
        case PREACT_RESNET18 -> new NetworkSpec(Backbone.PREACT_RESNET18, 18, net.width(), net.members(),
            manifest.numClasses(), manifest.shape(), seed, DataType.FLOAT);
      };
    } catch (IllegalArgumentException e) {
      throw new ConfigException("network.backbone " + net.backbone().name().toLowerCase().replace('_', '-')
          + " cannot take the dataset's images (shape " + manifest.shape() + ", " + manifest.numClasses()
          + " classes): " + e.getMessage(), e);
    }
  }

  static BatchSpec batch(TrainConfig config, Manifest manifest, int[] featureMap) {
    MixingConfig mix = config.mixing();
    double p = mix.maskKind() == MixingConfig.MaskKind.LINEAR ? 0 : mix.cutProbability();
    // M = 1 is the vanilla baseline: no mixing, whatever the (then unused) mixing keys say.
    MixingSpec mixing = config.network().members() == 1 ? MixingSpec.vanilla()
        : new MixingSpec(config.network().members(), mix.alpha(), mix.weightRoot(), p);
    AugmentationSpec augmentation = config.data().augmentation() == DataConfig.Augmentation.CROP_FLIP
        ? AugmentationSpec.standard() : AugmentationSpec.none();
    return new BatchSpec(mixing, config.optimisation().batchSize(), mix.batchRepetition(), augmentation,
        featureMap[0], featureMap[1], manifest.numClasses(), manifest.shape(), normalization(config.data(), manifest));
  }

  /**
   * The pixel normalisation {@code data.normalisation} names: the manifest's measured statistics,
   * or the reference's constants (3-channel images only).
   */
  static Normalization normalization(DataConfig data, Manifest manifest) {
    if (data.normalisation() == DataConfig.Normalisation.MEASURED) {
      return manifest.normalization();
    }
    String name = data.normalisation().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    if (manifest.shape().channels() != 3) {
      throw new ConfigException("data.normalisation " + name + " has 3 channels but the dataset " + data.dataset()
          + " holds images of shape " + manifest.shape() + ": use data.normalisation=measured");
    }
    return data.normalisation() == DataConfig.Normalisation.REFERENCE_CIFAR ? Normalization.cifarReference()
        : Normalization.tinyImageNetReference();
  }

  /** Steps of the smallest of K balanced partitions: the batch spec's steps of floor(N / K) images. */
  static int stepsPerEpoch(TrainConfig config, Manifest manifest, BatchSpec batch) {
    long images = requireImages(manifest, config, "data.train-split", config.data().trainSplit());
    requireImages(manifest, config, "data.test-split", config.data().testSplit());
    int workers = config.distributed().workers();
    long steps = batch.stepsPerEpoch((int) Math.min(images / workers, Integer.MAX_VALUE));
    if (steps < 1) {
      throw new ConfigException("optimisation.batch-size " + config.optimisation().batchSize() + " (" 
          + config.distinctImagesPerBatch() + " distinct images) is larger than a worker's share of the "
          + images + " training images with distributed.workers = " + workers + ": use a smaller batch or fewer workers");
    }
    return (int) steps;
  }

  private static long requireImages(Manifest manifest, TrainConfig config, String key, String split) {
    long images = manifest.counts().containsKey(split) ? manifest.count(split) : 0;
    if (images == 0) {
      throw new BadInputException(key + " '" + split + "' has no images in " + config.data().dataset()
          + " (splits: " + manifest.counts().keySet() + ")");
    }
    return images;
  }

  static TrainingHyperparameters hyperparameters(OptimisationConfig opt, int workers, int stepsPerEpoch) {
    int warmup = (int) Math.round(opt.warmupEpochs() * stepsPerEpoch);
    List<Integer> milestones = TrainingHyperparameters.epochMilestonesToIterations(opt.milestones(), stepsPerEpoch);
    double momentum = opt.nesterov() ? opt.momentum() : 0;
    if (!opt.nesterov() && opt.momentum() != 0) {
      throw new ConfigException("optimisation.momentum must be 0 when optimisation.nesterov is false (DL4J has no"
          + " heavy-ball momentum), found " + opt.momentum());
    }
    return new TrainingHyperparameters(opt.effectiveLr(workers), momentum, opt.nesterov(), warmup, milestones,
        opt.gamma(), opt.l2());
  }
}

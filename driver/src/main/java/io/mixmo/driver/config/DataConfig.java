package io.mixmo.driver.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixmo.datasets.verify.VerifyLevel;

/**
 * What to train on: the ingested dataset (manifest + Parquet shards, any Hadoop URI), the split
 * names, the standard augmentation (docs/mixmo.md §4.3), how the shards are checked against
 * the manifest before training ({@code fast}: sizes and Parquet footers; {@code full}: also sha256)
 * and which per-channel mean/std normalise the pixels.
 */
public record DataConfig(String dataset, String trainSplit, String testSplit, Augmentation augmentation,
    VerifyLevel verify, Normalisation normalisation) {

  /** The per-channel mean/std applied to pixels (x/255 − mean) / std, in training and at inference. */
  public enum Normalisation {
    /** The train split's mean and population std, measured at ingest (the manifest's statistics). */
    MEASURED,
    /** The reference's CIFAR constants: mean 0.4914, 0.4824, 0.4467; std 0.2023, 0.1994, 0.2010. */
    REFERENCE_CIFAR,
    /** The reference's Tiny ImageNet constants: mean 0.5, std 0.5 per channel. */
    REFERENCE_TINY
  }

  /** Pixel-space augmentation applied to each member's input independently. */
  public enum Augmentation {
    /** RandomCrop with 4 px zero padding, then horizontal flip with probability 1/2 (§4.3). */
    CROP_FLIP,
    /** None: the image as stored. */
    NONE
  }

  public DataConfig {
    Checks.notBlank("data.dataset", dataset, "--dataset: a dataset written by 'mixmo datasets ingest'");
    Checks.notBlank("data.train-split", trainSplit, "a split name of the dataset, e.g. train");
    Checks.notBlank("data.test-split", testSplit, "a split name of the dataset, e.g. test");
    Checks.notNull("data.augmentation", augmentation);
    Checks.notNull("data.verify", verify);
    Checks.notNull("data.normalisation", normalisation);
  }

  /** A copy checked at another level (a resumed run may choose it). */
  public DataConfig withVerify(VerifyLevel level) {
    return new DataConfig(dataset, trainSplit, testSplit, augmentation, level, normalisation);
  }

  static DataConfig read(ConfigReader r) {
    return new DataConfig(r.text("data.dataset"), r.text("data.train-split"), r.text("data.test-split"),
        r.choice("data.augmentation", Augmentation.class), r.choice("data.verify", VerifyLevel.class),
        r.choice("data.normalisation", Normalisation.class));
  }

  void write(ObjectNode node) {
    node.put("dataset", dataset).put("train-split", trainSplit).put("test-split", testSplit)
        .put("augmentation", ConfigReader.kebab(augmentation)).put("verify", ConfigReader.kebab(verify))
        .put("normalisation", ConfigReader.kebab(normalisation));
  }
}

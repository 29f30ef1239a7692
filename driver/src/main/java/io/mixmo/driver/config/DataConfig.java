package io.mixmo.driver.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What to train on: the ingested dataset (manifest + Parquet shards, any Hadoop URI), the split
 * names and the standard augmentation (mixmo-reference.md §4.3).
 */
public record DataConfig(String dataset, String trainSplit, String testSplit, Augmentation augmentation) {

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
  }

  static DataConfig read(ConfigReader r) {
    return new DataConfig(r.text("data.dataset"), r.text("data.train-split"), r.text("data.test-split"),
        r.choice("data.augmentation", Augmentation.class));
  }

  void write(ObjectNode node) {
    node.put("dataset", dataset).put("train-split", trainSplit).put("test-split", testSplit)
        .put("augmentation", ConfigReader.kebab(augmentation));
  }
}

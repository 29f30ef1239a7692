package io.mixmo.driver.runner;

import io.mixmo.datasets.manifest.Manifest;
import io.mixmo.datasets.source.BadInputException;
import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.run.ModelArchive;
import io.mixmo.driver.run.ModelMetadata;
import io.mixmo.driver.run.ModelFiles;
import io.mixmo.worker.data.Normalization;
import java.util.List;

/**
 * Whether a saved model can be used on a dataset or on image files, and with which normalisation
 * (driver side, before any Spark work). A model written by {@code mixmo train} carries its classes,
 * input shape and training normalisation ({@link ModelMetadata}); a model saved by DL4J alone has
 * none, and is then checked by its number of classes and normalised with the dataset's statistics.
 */
public final class ModelChecks {
  private ModelChecks() {}

  /**
   * Fails unless {@code saved} fits the dataset (number and names of classes, image shape); returns
   * the normalisation to apply to the dataset's pixels: the model's own when known, else the
   * dataset's training statistics.
   */
  public static Normalization forDataset(String what, ModelArchive.Saved saved, Manifest manifest, String datasetUri) {
    Datasets.checkClasses(what, ModelFiles.classes(saved.graph()), manifest, datasetUri);
    if (saved.metadata().isEmpty()) {
      return manifest.normalization();
    }
    ModelMetadata meta = saved.metadata().get();
    if (!meta.shape().equals(manifest.shape())) {
      throw new ConfigException(what + " takes images of shape " + meta.shape() + " but the dataset " + datasetUri
          + " holds " + manifest.shape() + ": ingest the images at the model's size");
    }
    List<String> ours = meta.classes();
    for (int c = 0; c < ours.size(); c++) {
      if (!ours.get(c).equals(manifest.classes().get(c))) {
        throw new ConfigException(what + " calls class " + c + " '" + ours.get(c) + "' but the dataset " + datasetUri
            + " calls it '" + manifest.classes().get(c) + "': the class lists must be the same, in the same order");
      }
    }
    return meta.normalization();
  }

  /** The model's metadata, needed to read image files; a {@link BadInputException} when it has none. */
  public static ModelMetadata requireMetadata(String what, ModelArchive.Saved saved) {
    return saved.metadata().orElseThrow(() -> new BadInputException(what + " has no " + ModelArchive.METADATA_ENTRY
        + " entry (it was not saved by 'mixmo train'), so its input shape, class names and normalisation are"
        + " unknown: predict on an ingested --dataset instead, or retrain it with 'mixmo train'"));
  }
}

package io.mixmo.driver.run;

import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.Normalization;
import java.io.Serializable;
import java.util.List;

/**
 * What a saved model needs beyond DL4J's graph to be used on new images: the class names (index →
 * name), the input shape, and the per-channel normalisation the network was trained with. Stored as
 * the JSON entry {@value ModelArchive#METADATA_ENTRY} of {@code model.zip} (read it with
 * {@code unzip -p model.zip mixmo-model.json}). Built on the driver by the training runner; read on
 * the driver by evaluate, predict and {@code run.init-from}.
 *
 * @param dataset the dataset the model was trained on (for the reader's information only)
 */
public record ModelMetadata(int formatVersion, int members, List<String> classes, ImageShape shape,
    Normalization normalization, String dataset) implements Serializable {
  public static final int FORMAT_VERSION = 1;

  public ModelMetadata {
    if (formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException(ModelArchive.METADATA_ENTRY + ": formatVersion must be " + FORMAT_VERSION
          + ", found " + formatVersion + " (written by a newer mixmo?)");
    }
    if (members < 1) {
      throw new IllegalArgumentException(ModelArchive.METADATA_ENTRY + ": members must be >= 1, found " + members);
    }
    if (classes == null || classes.isEmpty()) {
      throw new IllegalArgumentException(ModelArchive.METADATA_ENTRY + ": classes must list at least one class");
    }
    if (shape == null || normalization == null) {
      throw new IllegalArgumentException(ModelArchive.METADATA_ENTRY + ": shape and normalization are required");
    }
    if (normalization.channels() != shape.channels()) {
      throw new IllegalArgumentException(ModelArchive.METADATA_ENTRY + ": normalization has "
          + normalization.channels() + " channels but shape " + shape + " has " + shape.channels());
    }
    classes = List.copyOf(classes);
  }

  /** The metadata of a model with {@code members} members trained on images described by these values. */
  public static ModelMetadata of(int members, List<String> classes, ImageShape shape, Normalization normalization,
      String dataset) {
    return new ModelMetadata(FORMAT_VERSION, members, classes, shape, normalization, dataset);
  }
}

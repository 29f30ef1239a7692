package io.mixmo.driver.predict;

import io.mixmo.datasets.source.support.BadRecord;
import io.mixmo.datasets.source.support.ImageDecoding;
import io.mixmo.datasets.source.support.ImageResize;
import io.mixmo.worker.data.ImageShape;

/**
 * An image file's bytes as the model's input pixels, uint8 C×H×W (executor side): decoded with the
 * datasets module's {@link ImageDecoding} (the same decoding as ingest, so a file predicts exactly
 * as its ingested copy does), then, when the size differs, resized with {@link ImageResize} or
 * refused.
 */
final class ImageFilePixels {
  private ImageFilePixels() {}

  static byte[] read(byte[] encoded, ImageShape shape, boolean resize, String origin) throws BadRecord {
    if (encoded.length == 0) {
      throw new BadRecord(origin, "empty file");
    }
    var image = ImageDecoding.read(encoded, origin);
    byte[] chw = ImageDecoding.toChw(image, shape.channels(), origin);
    if (image.getHeight() == shape.height() && image.getWidth() == shape.width()) {
      return chw;
    }
    if (!resize) {
      throw new BadRecord(origin, "image is " + image.getHeight() + "x" + image.getWidth()
          + " (height x width) but the model takes " + shape.height() + "x" + shape.width()
          + ": pass --resize to scale it");
    }
    return ImageResize.resize(chw, shape.channels(), image.getHeight(), image.getWidth(), shape.height(), shape.width());
  }
}

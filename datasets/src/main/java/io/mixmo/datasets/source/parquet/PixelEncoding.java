package io.mixmo.datasets.source.parquet;

/** How an image column holds pixels. */
public enum PixelEncoding {
  /** Raw uint8 C×H×W bytes of the table's shape (length C·H·W). */
  RAW,
  /** An encoded image file (PNG or JPEG), decoded with javax.imageio. */
  ENCODED
}

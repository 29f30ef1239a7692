package io.mixmo.worker.data;

/**
 * The largest image mixmo decodes or resizes to (runs wherever images are read, driver or executor):
 * {@link #MAX_PIXELS} pixels, checked from the width and height a file's header declares before any
 * pixel is decoded, so a tiny file declaring 20000×20000 pixels is refused instead of allocating
 * gigabytes; and the largest image file read, {@link #MAX_FILE_BYTES}.
 */
public final class ImageBounds {
  /** 2^25 pixels (about 33.5 million: a 24-megapixel photo passes, 8192×8192 does not). */
  public static final long MAX_PIXELS = 1L << 25;
  /** The largest image file (or archive entry) read: 2^27 bytes (128 MiB). */
  public static final long MAX_FILE_BYTES = 1L << 27;

  private ImageBounds() {}

  /** Null when {@code height × width} is a valid image size, else why not (for a message naming the file). */
  public static String check(long height, long width) {
    if (height < 1 || width < 1) {
      return "height and width must be >= 1, found " + height + "x" + width;
    }
    if (height > MAX_PIXELS || width > MAX_PIXELS || height * width > MAX_PIXELS) {
      return height + "x" + width + " (height x width) pixels, more than the " + MAX_PIXELS + "-pixel limit";
    }
    return null;
  }
}

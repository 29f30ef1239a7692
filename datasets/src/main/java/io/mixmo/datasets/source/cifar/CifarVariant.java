package io.mixmo.datasets.source.cifar;

import java.util.List;

/**
 * The two CIFAR binary releases: file names per split, the folder the official archive extracts
 * to, the record layout and where the class names are.
 */
public enum CifarVariant {
  CIFAR10("cifar10", "cifar-10-batches-bin", 1,
      List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"),
      List.of("test_batch.bin")),
  CIFAR100("cifar100", "cifar-100-binary", 2, List.of("train.bin"), List.of("test.bin"));

  /** Pixel bytes of one record: 3 planes of 32×32. */
  public static final int PIXELS = 3 * 32 * 32;

  private final String id;
  private final String folder;
  private final int labelBytes;
  private final List<String> trainFiles;
  private final List<String> testFiles;

  CifarVariant(String id, String folder, int labelBytes, List<String> trainFiles, List<String> testFiles) {
    this.id = id;
    this.folder = folder;
    this.labelBytes = labelBytes;
    this.trainFiles = trainFiles;
    this.testFiles = testFiles;
  }

  /** Short name used as the first element of record ids ("cifar10", "cifar100"). */
  public String id() {
    return id;
  }

  /** The folder the official archive extracts to. */
  public String folder() {
    return folder;
  }

  /** Bytes of one record: label byte(s) + 3072 pixels (3073 or 3074). */
  public int recordSize() {
    return labelBytes + PIXELS;
  }

  public int labelBytes() {
    return labelBytes;
  }

  /** The data files of {@code split} ("train" or "test"). */
  public List<String> files(String split) {
    return switch (split) {
      case "train" -> trainFiles;
      case "test" -> testFiles;
      default -> throw new IllegalArgumentException(id + " has splits train and test, asked for '" + split + "'");
    };
  }

  public int numClasses(CifarLabels labels) {
    if (this == CIFAR10) {
      return 10;
    }
    return labels == CifarLabels.FINE ? 100 : 20;
  }

  /** Byte of the record holding the label used. */
  public int labelOffset(CifarLabels labels) {
    return this == CIFAR100 && labels == CifarLabels.FINE ? 1 : 0;
  }

  /** File of class names, one per line, in label order. */
  public String classNamesFile(CifarLabels labels) {
    if (this == CIFAR10) {
      return "batches.meta.txt";
    }
    return labels == CifarLabels.FINE ? "fine_label_names.txt" : "coarse_label_names.txt";
  }
}

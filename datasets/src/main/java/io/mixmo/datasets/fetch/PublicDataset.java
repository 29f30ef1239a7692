package io.mixmo.datasets.fetch;

import io.mixmo.datasets.source.ImageSource;
import io.mixmo.datasets.source.cifar.CifarSource;
import io.mixmo.datasets.source.cifar.CifarVariant;
import io.mixmo.datasets.source.idx.IdxSource;
import io.mixmo.datasets.source.support.HadoopFiles;
import io.mixmo.datasets.source.tiny.TinyImageNetSource;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The datasets {@code fetch} knows: command-line name, official base URL (the files' names are in
 * {@link PinnedChecksums}) and the source that reads the fetched files.
 */
public enum PublicDataset {
  CIFAR10("cifar10", "https://www.cs.toronto.edu/~kriz/"),
  CIFAR100("cifar100", "https://www.cs.toronto.edu/~kriz/"),
  TINY_IMAGENET("tiny-imagenet", "http://cs231n.stanford.edu/"),
  FASHION_MNIST("fashion-mnist", "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/");

  private final String cliName;
  private final String officialBase;

  PublicDataset(String cliName, String officialBase) {
    this.cliName = cliName;
    this.officialBase = officialBase;
  }

  public String cliName() {
    return cliName;
  }

  /** Where the official files are (a URL ending with '/'). */
  public String officialBase() {
    return officialBase;
  }

  /** The dataset named {@code name} on the command line (cifar10, cifar100, tiny-imagenet, fashion-mnist). */
  public static PublicDataset fromCliName(String name) {
    for (PublicDataset d : values()) {
      if (d.cliName.equals(name.toLowerCase(Locale.ROOT))) {
        return d;
      }
    }
    throw new IllegalArgumentException("dataset must be one of " + cliNames() + ", found '" + name + "'");
  }

  public static String cliNames() {
    return Arrays.stream(values()).map(PublicDataset::cliName).collect(Collectors.joining(", "));
  }

  /** Whether the downloaded archive is a zip that must be extracted before reading (Tiny ImageNet). */
  public boolean extractsZip() {
    return this == TINY_IMAGENET;
  }

  /** The source over the files fetched into {@code archiveDir}. */
  public ImageSource source(String archiveDir) {
    return switch (this) {
      case CIFAR10 -> new CifarSource(HadoopFiles.child(archiveDir, "cifar-10-binary.tar.gz"), CifarVariant.CIFAR10);
      case CIFAR100 -> new CifarSource(HadoopFiles.child(archiveDir, "cifar-100-binary.tar.gz"), CifarVariant.CIFAR100);
      case TINY_IMAGENET -> new TinyImageNetSource(HadoopFiles.child(archiveDir, "tiny-imagenet-200"));
      case FASHION_MNIST -> IdxSource.fashionMnist(archiveDir);
    };
  }
}

package io.mixmo.datasets.fetch;

import java.util.List;
import java.util.Map;

/**
 * Checksums of the official files, pinned. Sources: tensorflow/datasets {@code url_checksums/cifar10.txt},
 * {@code cifar100.txt} and {@code fashion_mnist.txt} (SHA-256; the Fashion-MNIST entries there are for the
 * same four files served from the zalando S3 site, sizes 26421880 / 29515 / 4422102 / 5148 bytes).
 * No SHA-256 of {@code tiny-imagenet-200.zip} was found; its published MD5 (the one torchvision-style
 * loaders check, 248,100,043 bytes) is pinned instead and labelled as MD5.
 */
public final class PinnedChecksums {
  private PinnedChecksums() {}

  public static final Map<PublicDataset, List<ArchiveFile>> OFFICIAL = Map.of(
      PublicDataset.CIFAR10, List.of(new ArchiveFile("cifar-10-binary.tar.gz",
          Checksum.sha256("c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd"))),
      PublicDataset.CIFAR100, List.of(new ArchiveFile("cifar-100-binary.tar.gz",
          Checksum.sha256("58a81ae192c23a4be8b1804d68e518ed807d710a4eb253b1f2a199162a40d8ec"))),
      PublicDataset.TINY_IMAGENET, List.of(new ArchiveFile("tiny-imagenet-200.zip",
          Checksum.md5("90528d7ca1a48142e341f4ef8d21d0de"))),
      PublicDataset.FASHION_MNIST, List.of(
          new ArchiveFile("train-images-idx3-ubyte.gz",
              Checksum.sha256("3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84")),
          new ArchiveFile("train-labels-idx1-ubyte.gz",
              Checksum.sha256("a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845")),
          new ArchiveFile("t10k-images-idx3-ubyte.gz",
              Checksum.sha256("346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073")),
          new ArchiveFile("t10k-labels-idx1-ubyte.gz",
              Checksum.sha256("67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"))));
}

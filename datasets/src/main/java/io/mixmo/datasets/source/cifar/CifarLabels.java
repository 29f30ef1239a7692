package io.mixmo.datasets.source.cifar;

/** Which CIFAR-100 label to use: the 100 fine classes (default) or the 20 coarse superclasses. */
public enum CifarLabels {
  FINE,
  COARSE
}

/**
 * End-to-end tests of worker-lib on real images: a class-balanced sample of CIFAR-10 (the
 * committed JPEG sample, {@code datasets/sample/}) goes through mixed-batch generation, the SMALL MixMo network and
 * local training, as one Spark task would run them, without Spark.
 */
package io.mixmo.worker.e2e;

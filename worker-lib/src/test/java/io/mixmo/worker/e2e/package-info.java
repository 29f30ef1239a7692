/**
 * End-to-end tests of worker-lib on real images: a class-balanced sample of CIFAR-10 (JPEG
 * tarball beside the repository) goes through mixed-batch generation, the SMALL MixMo network and
 * local training, as one Spark task would run them, without Spark.
 */
package io.mixmo.worker.e2e;

/**
 * Pieces shared by the format readers of this module: the skip-or-fail record loop
 * ({@link io.mixmo.datasets.source.support.PolicyIterator}), image decoding to C×H×W uint8
 * ({@link io.mixmo.datasets.source.support.ImageDecoding}), resizing
 * ({@link io.mixmo.datasets.source.support.ImageResize}, used by {@code mixmo predict --resize}) and
 * Hadoop file helpers ({@link io.mixmo.datasets.source.support.HadoopFiles}, also the driver module's:
 * atomic writes of the run directory's files). Everything here runs on executors (inside
 * {@code ImageSource.read}) and on the driver (inside {@code describe}/{@code parts}, and the driver
 * module's file handling).
 */
package io.mixmo.datasets.source.support;

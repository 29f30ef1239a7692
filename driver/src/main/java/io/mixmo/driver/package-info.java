/**
 * The Spark application and its CLI: training master (rounds of broadcast, local training on
 * executors, averaging on the driver), evaluation, prediction, checkpoints and the run directory.
 */
package io.mixmo.driver;

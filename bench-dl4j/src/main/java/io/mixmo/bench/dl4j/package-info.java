/**
 * The training benchmark's DL4J baseline (driver side): dl4j-spark's ParameterAveragingTrainingMaster
 * on the same MixMo graph and batches as our master. Its own module, built on the Spark 3.5 line only,
 * so that dl4j-spark (Scala 2.12) never reaches the application's classpath.
 */
package io.mixmo.bench.dl4j;

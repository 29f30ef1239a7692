/**
 * Spark sessions on the driver: the session a datasets command runs in, and stopping a session
 * after a failure once its tasks have settled ({@link io.mixmo.datasets.spark.SparkSessions}, the
 * one owner; the driver's runners use it too).
 */
package io.mixmo.datasets.spark;

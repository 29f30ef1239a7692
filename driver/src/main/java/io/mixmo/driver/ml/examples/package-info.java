/** Runnable examples of the DataFrame API (driver side, each with a main method). */
package io.mixmo.driver.ml.examples;

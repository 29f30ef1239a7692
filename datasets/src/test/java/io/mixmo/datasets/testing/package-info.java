/**
 * Test helpers (test code only; nothing here runs in a real job): the local Spark session and data
 * of this module's tests ({@link io.mixmo.datasets.testing.TestSpark},
 * {@link io.mixmo.datasets.testing.TestData}), data the repository does not hold, found by a
 * documented property or skipped ({@link io.mixmo.datasets.testing.ExternalData}), and fixtures made
 * in the test ({@link io.mixmo.datasets.testing.JpegFixtures}). The package is this module's test-jar,
 * which the driver's tests use in test scope: a fixture both modules need is written here once.
 */
package io.mixmo.datasets.testing;

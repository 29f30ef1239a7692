/**
 * Test fixtures shared with the modules above (packaged in this module's test-jar, which the driver
 * uses in test scope): data made in the test, never read from outside the repository. Test code
 * only; nothing here runs on a driver or an executor of a real job.
 */
package io.mixmo.datasets.testing;

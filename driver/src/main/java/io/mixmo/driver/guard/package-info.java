/**
 * Checks on files users hand us, made before any library reads them (driver side unless a class says
 * otherwise): a {@code model.zip} is opened only through {@link io.mixmo.driver.guard.ModelZipReader}
 * (only the entries mixmo writes, each under a size cap, no Java-serialized entry, the parameter
 * arrays' headers checked against the configuration before anything is allocated), and every JVM
 * mixmo starts installs {@link io.mixmo.driver.guard.SerialFilter} as a second line against Java
 * deserialization of untrusted bytes.
 */
package io.mixmo.driver.guard;

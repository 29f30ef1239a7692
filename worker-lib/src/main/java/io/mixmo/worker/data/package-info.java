/**
 * Compact image data as executors hold it: uint8 pixels in C×H×W order plus integer labels.
 *
 * <p>{@link io.mixmo.worker.data.LabeledImages} is what the datasets module's reader hands to the
 * batch generator on an executor, and what the driver ships in partitions; it is plain Java
 * (arrays, no ND4J) so it serialises cheaply with Java serialisation and Kryo alike.
 */
package io.mixmo.worker.data;

package io.mixmo.datasets.source;

/**
 * One decoded image: a stable id (unique within the dataset, the same on every ingest of the same
 * source), its split, label index, uint8 pixels in C×H×W order, and where it came from
 * ({@code origin}, e.g. {@code "hdfs://.../data_batch_1.bin#record=17"}) for error messages.
 */
public record SourceRecord(String id, String split, int label, byte[] pixels, String origin) {}

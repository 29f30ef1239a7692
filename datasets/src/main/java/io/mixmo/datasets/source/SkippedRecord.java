package io.mixmo.datasets.source;

import java.io.Serializable;

/** A record skipped under {@link BadRecordPolicy#SKIP}: where it was and why it was refused. */
public record SkippedRecord(String origin, String reason) implements Serializable {}

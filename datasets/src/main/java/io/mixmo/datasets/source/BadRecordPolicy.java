package io.mixmo.datasets.source;

/** What to do with a record that cannot be decoded or validated: fail the ingest, or skip and list it. */
public enum BadRecordPolicy {
  FAIL,
  SKIP
}

package io.mixmo.datasets.verify;

import io.mixmo.datasets.source.BadInputException;
import java.util.List;

/**
 * What {@link DatasetVerifier} found: the shards and bytes it checked and every problem, each a
 * sentence naming the file and what is wrong.
 *
 * @param datasetUri the dataset checked
 * @param level how thoroughly
 * @param shards shards listed in the manifest
 * @param bytes their total size according to the manifest
 * @param problems one line per problem; empty when the dataset matches its manifest
 */
public record VerifyReport(String datasetUri, VerifyLevel level, int shards, long bytes, List<String> problems) {
  public VerifyReport {
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return problems.isEmpty();
  }

  /**
   * Returns this report when the dataset matches its manifest; otherwise a {@link BadInputException}
   * (exit code 3) whose message starts with the first problem and says how many others there are.
   */
  public VerifyReport requireOk() {
    if (ok()) {
      return this;
    }
    String more = problems.size() == 1 ? "" : " (and " + (problems.size() - 1) + " more problems: run"
        + " 'mixmo datasets verify " + datasetUri + "' to list them)";
    throw new BadInputException(problems.get(0) + more + "; restore the file or ingest the dataset again");
  }

  /** One line for the console, e.g. {@code dataset X: 8 shards (10.4 MB) match manifest.json (fast: ...)}. */
  public String summary() {
    String checked = level == VerifyLevel.FULL ? "size, Parquet footer, labels, image shape, sha256"
        : "size, Parquet footer, labels, image shape";
    return String.format(java.util.Locale.ROOT, "dataset %s: %d shards (%.1f MB) %s manifest.json (%s: %s)",
        datasetUri, shards, bytes / 1e6, ok() ? "match" : problems.size() + " problems against", level.label(), checked);
  }
}

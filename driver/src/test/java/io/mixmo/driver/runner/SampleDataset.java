package io.mixmo.driver.runner;

import io.mixmo.datasets.ingest.IngestJob;
import io.mixmo.datasets.ingest.IngestOptions;
import io.mixmo.datasets.source.folder.FolderImageSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The committed CIFAR-10 sample (3,000 train / 500 test JPEGs, 10 classes), ingested once per test
 * JVM into a temporary directory with the datasets module's ingest job in local[2] (4 shards per
 * split, as the quickstart does). Shared by the runner's end-to-end tests.
 */
final class SampleDataset {
  static final Path ARCHIVE = Path.of("").toAbsolutePath().getParent()
      .resolve("datasets/sample/cifar10-sample.tar.gz");
  private static Path ingested;

  private SampleDataset() {}

  static synchronized Path get() {
    if (ingested == null) {
      try {
        Path dir = Files.createTempDirectory("mixmo-sample-");
        dir.toFile().deleteOnExit();
        Path out = dir.resolve("cifar10-sample");
        SparkSession spark = SparkSession.builder().master("local[2]").appName("SampleDataset")
            .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        try {
          IngestJob.run(spark, new FolderImageSource(ARCHIVE.toString()),
              IngestOptions.of(out.toUri().toString(), "folder " + ARCHIVE).withShards(4));
        } finally {
          spark.stop();
        }
        ingested = out;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return ingested;
  }
}

package io.mixmo.driver.cli;

import io.mixmo.datasets.ingest.IngestJob;
import io.mixmo.datasets.ingest.IngestOptions;
import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.folder.FolderImageSource;
import io.mixmo.datasets.source.support.HadoopFiles;
import io.mixmo.driver.config.SparkConfig;
import io.mixmo.driver.orchestration.DatasetPaths;
import java.io.IOException;
import java.io.PrintWriter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The quickstart's data (driver side): the committed CIFAR-10 sample archive
 * ({@value #ARCHIVE}, JPEG image folders) ingested once into {@value #INGESTED} under the project
 * directory, with the datasets module's {@link IngestJob} in a short-lived Spark session that is
 * stopped before training starts its own. Later quickstarts reuse the ingested copy.
 */
final class QuickstartData {
  static final String ARCHIVE = "datasets/sample/cifar10-sample.tar.gz";
  static final String INGESTED = "runs/quickstart-data/cifar10-sample";
  static final int SHARDS = 4;

  private QuickstartData() {}

  /** The URI of the ingested sample under {@code home}, ingesting it first when needed. */
  static String prepare(Configuration hadoop, String home, SparkConfig spark, PrintWriter out) throws IOException {
    Path dataset = HadoopFiles.qualify(hadoop, home + "/" + INGESTED);
    FileSystem fs = HadoopFiles.fileSystem(hadoop, dataset);
    if (fs.exists(new Path(dataset, DatasetPaths.MANIFEST))) {
      return dataset.toString();
    }
    Path archive = HadoopFiles.qualify(hadoop, home + "/" + ARCHIVE);
    if (!fs.exists(archive)) {
      throw new BadInputException("the committed sample " + archive + " is missing: run from a full clone of"
          + " the project, or pass --dataset an ingested dataset");
    }
    out.println("mixmo: ingesting the committed CIFAR-10 sample (once) into " + dataset);
    out.flush();
    SparkSession session = session(spark);
    try {
      IngestJob.run(session, new FolderImageSource(archive.toString()),
          IngestOptions.of(dataset.toString(), "folder " + archive).withShards(SHARDS));
    } finally {
      session.stop();
    }
    return dataset.toString();
  }

  /**
   * A session with the run's Spark settings; without a master from the configuration or from
   * spark-submit / the launcher ({@code spark.master} property), the quickstart is embedded: local[*].
   */
  private static SparkSession session(SparkConfig spark) {
    SparkSession.Builder builder = SparkSession.builder().appName("mixmo quickstart: ingest the sample")
        .config("spark.ui.enabled", "false");
    spark.properties().forEach(builder::config);
    if (!new SparkConf().contains("spark.master") && spark.master().isEmpty()) {
      builder.master("local[*]");
    }
    return builder.getOrCreate();
  }
}

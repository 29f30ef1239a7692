package io.mixmo.datasets.testing;

import org.apache.spark.sql.SparkSession;

/**
 * One local[2] SparkSession (UI off) shared by the test classes of this module's test JVM. It uses
 * Kryo, as the training driver does, so the ingest and reader are tested with that serializer.
 */
public final class TestSpark {
  private static SparkSession session;

  private TestSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      session = SparkSession.builder().master("local[2]").appName("mixmo-datasets-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
          .config("spark.kryo.registrator", "io.mixmo.datasets.read.DatasetsKryoRegistrator")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .getOrCreate();
    }
    return session;
  }
}

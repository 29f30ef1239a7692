package io.mixmo.driver.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The build runs its tests on the Spark line it was made for (3.5 by default, 4.x with -Dspark4),
 * and DL4J's Spark modules (Scala 2.12 only) are not on the application's classpath.
 */
class SparkLineTest {
  @Test
  void theClasspathHoldsTheSparkAndScalaOfThisBuildsLine() {
    String line = System.getProperty("mixmo.spark.line");
    assertThat(line).as("mixmo.spark.line (set by the build)").isNotBlank();
    assertThat(org.apache.spark.package$.MODULE$.SPARK_VERSION()).startsWith(line + ".");
    assertThat(scala.util.Properties.versionNumberString()).startsWith(System.getProperty("mixmo.scala.binary") + ".");
  }

  @Test
  void dl4jSparkIsNotOnTheApplicationsClasspath() {
    assertThatThrownBy(() -> Class.forName("org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("org.nd4j.kryo.Nd4jRegistrator")).isInstanceOf(ClassNotFoundException.class);
  }
}

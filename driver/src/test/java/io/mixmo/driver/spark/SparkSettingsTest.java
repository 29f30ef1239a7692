package io.mixmo.driver.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.guard.SerialFilter;
import io.mixmo.driver.task.GraphTemplate;
import io.mixmo.driver.train.PartitionOutcome;
import io.mixmo.driver.train.RoundSlot;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.LabeledImages;
import io.mixmo.worker.train.ModelState;
import java.nio.ByteBuffer;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

class SparkSettingsTest {
  @Test
  void setsKryoThreadsAndOffHeapLimitsFromExecutorMemory() {
    SparkConf conf = SparkSettings.apply(new SparkConf(false).set("spark.executor.memory", "4g")
        .set("spark.task.cpus", "2"));
    assertThat(conf.get("spark.serializer")).isEqualTo("org.apache.spark.serializer.KryoSerializer");
    assertThat(conf.get("spark.kryo.registrator"))
        .isEqualTo("io.mixmo.driver.spark.MixmoKryoRegistrator");
    assertThat(conf.get("spark.executorEnv.OMP_NUM_THREADS")).isEqualTo("2");
    // overhead = max(384m, 0.10 · 4096m) = 409m; container = 4096m + 409m
    assertThat(conf.get("spark.executor.extraJavaOptions"))
        .isEqualTo("-Dorg.bytedeco.javacpp.maxbytes=409m -Dorg.bytedeco.javacpp.maxphysicalbytes=4505m "
            + SerialFilter.javaOption());
  }

  @Test
  void sparksOwnRedactionCoversTheConnectorsSecretsAndTheUiCannotKillJobs() {
    SparkConf conf = SparkSettings.apply(new SparkConf(false));
    java.util.regex.Pattern rule = java.util.regex.Pattern.compile(conf.get("spark.redaction.regex"));
    assertThat(rule.matcher("spark.hadoop.fs.azure.account.key.a.dfs.core.windows.net").find()).isTrue();
    assertThat(rule.matcher("spark.hadoop.google.cloud.auth.service.account.private.key").find()).isTrue();
    assertThat(rule.matcher("spark.hadoop.fs.s3a.secret.key").find()).isTrue();
    assertThat(conf.get("spark.ui.killEnabled")).isEqualTo("false");
    SparkConf own = SparkSettings.apply(new SparkConf(false).set("spark.redaction.regex", "(?i)corp-id")
        .set("spark.ui.killEnabled", "true"));
    assertThat(java.util.regex.Pattern.compile(own.get("spark.redaction.regex")).matcher("spark.corp-id").find())
        .isTrue();
    assertThat(own.get("spark.ui.killEnabled")).as("the user's choice").isEqualTo("true");
    assertThat(SparkSettings.apply(conf).get("spark.redaction.regex")).as("idempotent")
        .isEqualTo(conf.get("spark.redaction.regex"));
  }

  @Test
  void keepsWhatTheUserSet() {
    SparkConf conf = SparkSettings.apply(new SparkConf(false)
        .set("spark.serializer", "org.apache.spark.serializer.JavaSerializer")
        .set("spark.executorEnv.OMP_NUM_THREADS", "3")
        .set("spark.executor.memory", "2g").set("spark.executor.memoryOverhead", "3g")
        .set("spark.executor.extraJavaOptions", "-XX:+UseG1GC"));
    assertThat(conf.get("spark.serializer")).isEqualTo("org.apache.spark.serializer.JavaSerializer");
    assertThat(conf.contains("spark.kryo.registrator")).isFalse();
    assertThat(conf.get("spark.executorEnv.OMP_NUM_THREADS")).isEqualTo("3");
    assertThat(conf.get("spark.executor.extraJavaOptions")).isEqualTo(
        "-XX:+UseG1GC -Dorg.bytedeco.javacpp.maxbytes=3072m -Dorg.bytedeco.javacpp.maxphysicalbytes=5120m "
            + SerialFilter.javaOption());

    SparkConf own = SparkSettings.apply(new SparkConf(false)
        .set("spark.executor.extraJavaOptions", "-Dorg.bytedeco.javacpp.maxbytes=1g"));
    assertThat(own.get("spark.executor.extraJavaOptions")).isEqualTo("-Dorg.bytedeco.javacpp.maxbytes=1g "
        + SerialFilter.javaOption());
    SparkConf filtered = SparkSettings.apply(new SparkConf(false).set("spark.executor.extraJavaOptions",
        "-Dorg.bytedeco.javacpp.maxbytes=1g -Djdk.serialFilter=maxarray=10"));
    assertThat(filtered.get("spark.executor.extraJavaOptions"))
        .as("the user's own filter is kept").isEqualTo("-Dorg.bytedeco.javacpp.maxbytes=1g -Djdk.serialFilter=maxarray=10");
  }

  @Test
  void addsOurRegistratorToAUsersKryoListAndRefusesARunningSessionWithoutIt() {
    SparkConf conf = SparkSettings.apply(new SparkConf(false).set("spark.serializer", SparkSettings.KRYO)
        .set("spark.kryo.registrator", "com.example.TheirRegistrator"));
    assertThat(conf.get("spark.kryo.registrator"))
        .isEqualTo("com.example.TheirRegistrator,io.mixmo.driver.spark.MixmoKryoRegistrator");
    SparkSettings.requireUsable(conf);
    SparkSettings.requireUsable(new SparkConf(false)); // Java serializer: nothing to register

    SparkConf running = new SparkConf(false).set("spark.serializer", SparkSettings.KRYO)
        .set("spark.kryo.registrator", "com.example.TheirRegistrator");
    assertThatThrownBy(() -> SparkSettings.requireUsable(running)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("spark.kryo.registrator must include io.mixmo.driver.spark.MixmoKryoRegistrator")
        .hasMessageContaining("com.example.TheirRegistrator");
  }

  @Test
  void kryoRoundTripsTheProjectsClassesWithoutNd4jsRegistrator() {
    SerializerInstance kryo = new KryoSerializer(SparkSettings.apply(new SparkConf(false))).newInstance();
    ModelState state = new ModelState(new float[] {1.5f, -2f}, new float[] {0.25f}, 7, 1);
    PartitionOutcome outcome = new PartitionOutcome(1, state, 2.5, 3, 24, 10, 20);
    LabeledImages images = LabeledImages.of(new ImageShape(1, 2, 2), 2, new byte[] {1, 2, 3, 4, 5, 6, 7, 8},
        new int[] {0, 1});
    RoundSlot slot = new RoundSlot(1, 2, 8, 4, 0.5, 5);
    GraphTemplate template = new GraphTemplate("k", "{}");
    for (Object o : new Object[] {state, outcome, images, slot, template}) {
      assertThat(roundTrip(kryo, o)).as(o.getClass().getSimpleName()).isEqualTo(o);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(SerializerInstance s, T value) {
    ByteBuffer bytes = s.serialize(value, ClassTag$.MODULE$.apply(Object.class));
    return (T) s.deserialize(bytes, ClassTag$.MODULE$.apply(Object.class));
  }
}

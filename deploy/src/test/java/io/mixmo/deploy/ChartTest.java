package io.mixmo.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.mixmo.driver.config.NetworkConfig;
import io.mixmo.driver.config.OptimisationConfig;
import io.mixmo.driver.config.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code helm/mixmo-spark} with a real Helm engine: lint, render every values file under
 * {@code ci/} (kept in {@code target/helm-rendered/}), validate every manifest against the operator's
 * CRD schemas (which are not in the repository: skipped, with the reason, when {@link Repo#crdsOrSkip()}
 * finds none), and give every application's arguments to the real CLI.
 */
class ChartTest {
  private static CrdSchemas schemas;
  @TempDir Path tmp;

  /** The operator's schemas, read once; skips the calling test when the CRDs are not available. */
  static synchronized CrdSchemas schemas() throws Exception {
    if (schemas == null) {
      schemas = new CrdSchemas(Repo.crdsOrSkip());
    }
    return schemas;
  }

  static List<Path> valuesFiles() throws Exception {
    try (Stream<Path> files = Files.list(Repo.CHART.resolve("ci"))) {
      return files.filter(f -> f.toString().endsWith("-values.yaml")).sorted().toList();
    }
  }

  @Test
  void lintPassesWithEachValuesFileAndTheDefaultsAskForTheDataset() throws Exception {
    LintResult defaults = new Helm(Repo.CHART).lint().strict().call();
    assertThat(defaults.isFailed()).as(defaults.getMessages().toString()).isFalse();
    assertThat(defaults.getMessages()).noneMatch(m -> m.startsWith("[WARNING]") || m.startsWith("[ERROR]"));
    Path none = Files.writeString(tmp.resolve("no-values.yaml"), "{}\n");
    assertThatThrownBy(() -> RenderedChart.render(none)).hasMessageContaining("train.dataset is required");
    for (Path values : valuesFiles()) {
      Path staged = stage(values);
      LintResult lint = new Helm(staged).lint().strict().call();
      assertThat(lint.isFailed()).as(values + ": " + lint.getMessages()).isFalse();
      assertThat(lint.getMessages()).as(values.toString()).noneMatch(m -> m.startsWith("[WARNING]"));
    }
  }

  @Test
  void everyValuesFileRendersManifestsWithValidNamesAndIsKept() throws Exception {
    assertThat(valuesFiles()).extracting(p -> p.getFileName().toString())
        .contains("cpu-one-off-values.yaml", "gpu-values.yaml", "scheduled-values.yaml");
    for (Path values : valuesFiles()) {
      RenderedChart chart = RenderedChart.renderAndKeep(values);
      assertThat(chart.manifests).as(values.toString()).isNotEmpty();
      for (JsonNode manifest : chart.manifests) {
        String what = values.getFileName() + " " + manifest.path("kind").asText() + " "
            + manifest.at("/metadata/name").asText();
        assertThat(manifest.at("/metadata/name").asText()).as(what).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")
            .hasSizeLessThanOrEqualTo(40);
      }
      assertThat(Repo.RENDERED.resolve(values.getFileName())).hasContent(chart.text);
    }
  }

  @Test
  void everyRenderedManifestIsValidAgainstTheOperatorsSchemas() throws Exception {
    CrdSchemas schemas = schemas();
    for (Path values : valuesFiles()) {
      for (JsonNode manifest : RenderedChart.render(values).manifests) {
        String what = values.getFileName() + " " + manifest.path("kind").asText() + " "
            + manifest.at("/metadata/name").asText();
        assertThat(schemas.validate(manifest)).as(what).isEmpty();
      }
    }
  }

  @Test
  void aMisspeltFieldOrAWrongTypeIsCaughtByTheValidation() throws Exception {
    CrdSchemas schemas = schemas();
    JsonNode app = RenderedChart.render(Repo.CHART.resolve("ci/cpu-one-off-values.yaml")).ofKind("SparkApplication")
        .get(0);
    JsonNode misspelt = app.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) misspelt.at("/spec/executor")).put("instance", 3);
    assertThat(schemas.validate(misspelt)).singleElement().asString().contains("instance");
    JsonNode wrongType = app.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) wrongType.at("/spec/executor")).put("cores", "one");
    assertThat(schemas.validate(wrongType)).isNotEmpty();
    JsonNode noMain = app.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) noMain.path("spec")).remove("mainApplicationFile");
    assertThat(schemas.validate(noMain)).singleElement().asString().contains("mainApplicationFile");
  }

  @Test
  void cpuOneOffTrainsUnderTheModelRootWithTheConfigMapAndSecretReferences() throws Exception {
    RenderedChart chart = RenderedChart.render(Repo.CHART.resolve("ci/cpu-one-off-values.yaml"));
    assertThat(chart.manifests).extracting(m -> m.path("kind").asText())
        .containsExactlyInAnyOrder("ConfigMap", "SparkApplication");
    JsonNode app = chart.ofKind("SparkApplication").get(0);
    JsonNode spec = app.path("spec");
    assertThat(spec.path("image").asText()).isEqualTo("registry.example.com/ml/mixmo-spark:0.1.0-SNAPSHOT");
    assertThat(spec.path("sparkVersion").asText()).isEqualTo(Repo.pomProperty("spark.version"));
    assertThat(spec.at("/executor/instances").asInt()).isEqualTo(8);
    assertThat(spec.at("/driver/serviceAccount").asText()).isEqualTo("spark");
    JsonNode conf = spec.path("sparkConf");
    assertThat(conf.path("spark.kubernetes.driver.secretKeyRef.AWS_SECRET_ACCESS_KEY").asText())
        .isEqualTo("s3-credentials:secret-key");
    assertThat(conf.path("spark.kubernetes.executor.secretKeyRef.AWS_ACCESS_KEY_ID").asText())
        .isEqualTo("s3-credentials:access-key");
    assertThat(spec.at("/hadoopConf/fs.s3a.endpoint").asText()).isEqualTo("https://s3.eu-west-1.amazonaws.com");
    assertThat(spec.at("/driver/annotations/prometheus.io~1scrape").asText()).isEqualTo("true");
    assertThat(spec.at("/driver/annotations/prometheus.io~1path").asText()).isEqualTo("/metrics/prometheus/");
    assertThat(conf.path("spark.metrics.conf.*.sink.prometheusServlet.class").asText())
        .isEqualTo("org.apache.spark.metrics.sink.PrometheusServlet");
    assertThat(conf.path("spark.metrics.namespace").asText()).isEqualTo("mixmo");

    TrainConfig config = ChartCli.resolveTrain(chart, app, tmp);
    assertThat(config.data().dataset()).isEqualTo("s3a://ml-data/cifar100");
    assertThat(config.promotion().modelRoot()).isEqualTo("s3a://ml-models/cifar100-wrn28-10");
    assertThat(config.run().runDir()).startsWith("s3a://ml-models/cifar100-wrn28-10/runs/");
    assertThat(config.network()).isEqualTo(new NetworkConfig(NetworkConfig.Backbone.WRN, 28, 10, 2));
    assertThat(config.distributed().workers()).isEqualTo(8);
    assertThat(config.distributed().localSteps()).isEqualTo(8);
    assertThat(config.distributed().seed()).isEqualTo(20260101L);
    assertThat(config.optimisation().epochs()).isEqualTo(300);
    assertThat(config.optimisation().lrScaling()).isEqualTo(OptimisationConfig.LrScaling.SQRT);
    assertThat(config.run().checkpointEvery()).isEqualTo(50);
    assertThat(config.promotion().top1Margin()).isEqualTo(0.002);
    assertThat(config.promotion().nllMargin()).isEqualTo(0.01);
    assertThat(config.promotion().keepRuns()).isEqualTo(4);
    assertThat(config.promotion().minTop1()).as("--set").isEqualTo(0.5);
  }

  @Test
  void gpuValuesRequestGpusFromTheOperatorAndFromSparksScheduler() throws Exception {
    RenderedChart chart = RenderedChart.render(Repo.CHART.resolve("ci/gpu-values.yaml"));
    JsonNode spec = chart.ofKind("SparkApplication").get(0).path("spec");
    assertThat(spec.path("image").asText()).endsWith("-cuda");
    assertThat(spec.at("/executor/gpu/name").asText()).isEqualTo("nvidia.com/gpu");
    assertThat(spec.at("/executor/gpu/quantity").asInt()).isEqualTo(2);
    assertThat(spec.at("/executor/instances").asInt()).isEqualTo(2);
    JsonNode conf = spec.path("sparkConf");
    assertThat(conf.path("spark.executor.resource.gpu.amount").asText()).isEqualTo("2");
    assertThat(conf.path("spark.task.resource.gpu.amount").asText()).isEqualTo("1");
    assertThat(conf.path("spark.executor.resource.gpu.discoveryScript").asText())
        .isEqualTo("/opt/mixmo/bin/gpu-discovery.sh");
    assertThat(conf.path("spark.executor.resource.gpu.vendor").asText()).isEqualTo("nvidia.com");
    assertThat(spec.path("hadoopConfigMap").asText()).isEqualTo("hadoop-conf");
    assertThat(spec.at("/driver/annotations").isMissingNode()).as("metrics off").isTrue();
    assertThat(chart.ofKind("ConfigMap")).isEmpty();
    TrainConfig config = ChartCli.resolveTrain(chart, chart.ofKind("SparkApplication").get(0), tmp);
    assertThat(config.run().runDir()).isEqualTo("hdfs://namenode:8020/runs/c10-gpu");
    assertThat(config.promotion().enabled()).isFalse();
    assertThat(config.optimisation().batchSize()).isEqualTo(128);
    assertThat(config.distributed().workers()).isEqualTo(4);
  }

  @Test
  void scheduledRetrainingForbidsConcurrentRunsAndEvaluatesAndPredictsWithThePromotedModel() throws Exception {
    RenderedChart chart = RenderedChart.render(Repo.CHART.resolve("ci/scheduled-values.yaml"));
    JsonNode scheduled = chart.ofKind("ScheduledSparkApplication").get(0);
    assertThat(scheduled.at("/spec/schedule").asText()).isEqualTo("0 3 * * 0");
    assertThat(scheduled.at("/spec/timeZone").asText()).isEqualTo("Europe/Paris");
    assertThat(scheduled.at("/spec/concurrencyPolicy").asText()).isEqualTo("Forbid");
    assertThat(scheduled.at("/spec/successfulRunHistoryLimit").asInt()).isEqualTo(2);
    assertThat(scheduled.at("/spec/failedRunHistoryLimit").asInt()).isEqualTo(4);
    TrainConfig config = ChartCli.resolveTrain(chart, scheduled, tmp);
    assertThat(config.promotion().modelRoot()).isEqualTo("hdfs://namenode:8020/models/cifar10");
    assertThat(config.promotion().top1Margin()).isEqualTo(-0.001);
    assertThat(config.promotion().abandonedAfterHours()).isEqualTo(48.0);
    assertThat(config.optimisation().epochs()).isEqualTo(20);
    assertThat(config.network().backbone()).as("quickstart preset").isEqualTo(NetworkConfig.Backbone.SMALL);
    assertThat(scheduled.at("/spec/template/sparkConf/spark.kubernetes.executor.secrets.hdfs-keytab").asText())
        .isEqualTo("/etc/security/keytabs");

    List<JsonNode> apps = chart.ofKind("SparkApplication");
    assertThat(apps).extracting(a -> a.at("/metadata/name").asText())
        .containsExactlyInAnyOrder("mixmo-mixmo-spark-evaluate", "mixmo-mixmo-spark-predict");
    CommandLine.ParseResult evaluate = ChartCli.parse(RenderedChart.arguments(chart.named(
        "mixmo-mixmo-spark-evaluate").orElseThrow()));
    assertThat(evaluate.commandSpec().name()).isEqualTo("evaluate");
    assertThat((String) evaluate.matchedOptionValue("--model-root", null)).isEqualTo(config.promotion().modelRoot());
    assertThat((String) evaluate.matchedOptionValue("--output", null))
        .isEqualTo("hdfs://namenode:8020/reports/cifar10-promoted.json");
    CommandLine.ParseResult predict = ChartCli.parse(RenderedChart.arguments(chart.named(
        "mixmo-mixmo-spark-predict").orElseThrow()));
    assertThat(predict.commandSpec().name()).isEqualTo("predict");
    assertThat((String) predict.matchedOptionValue("--images", null)).isEqualTo("hdfs://namenode:8020/incoming/photos");
    assertThat(predict.matchedOptionValue("--format", null).toString()).isEqualTo("CSV");
    assertThat(predict.hasMatchedOption("--dataset")).isFalse();
  }

  @Test
  void inlineCredentialsAndIncompleteSchedulesAreRefused() throws Exception {
    Map<String, String> refused = Map.of(
        "sparkConf:\n  spark.hadoop.fs.s3a.secret.key: hunter2\n", "sparkConf.spark.hadoop.fs.s3a.secret.key looks like a secret",
        "hadoopConf:\n  fs.azure.account.key.acct.blob.core.windows.net: c2VjcmV0\n", "looks like a secret",
        "train:\n  set:\n    spark.conf.spark.hadoop.fs.s3a.access.key: AKIA0\n", "train.set.spark.conf.spark.hadoop.fs.s3a.access.key",
        "train:\n  config:\n    spark:\n      conf:\n        spark.hadoop.fs.gs.auth.client.secret: s\n", "train.config.spark.conf",
        "credentials:\n  secretKeyRefs:\n    - env: AWS_SECRET_ACCESS_KEY\n      secret: s3\n      key: k\n      value: hunter2\n",
        "value",
        "train:\n  schedule: \"@daily\"\n  modelRoot: \"\"\n  runDir: hdfs:///runs/x\n", "train.schedule needs train.modelRoot");
    for (Map.Entry<String, String> c : refused.entrySet()) {
      Path values = tmp.resolve("refused-" + Integer.toHexString(c.getKey().hashCode()) + ".yaml");
      Files.writeString(values, merged(c.getKey()));
      assertThatThrownBy(() -> RenderedChart.render(values)).as(c.getKey()).hasMessageContaining(c.getValue());
    }
  }

  /** Values that render, with {@code extra} merged over them. */
  private static String merged(String extra) throws Exception {
    JsonNode base = CrdSchemas.YAML.readTree("train:\n  dataset: s3a://d/x\n  modelRoot: s3a://m/x\n");
    return CrdSchemas.YAML.writeValueAsString(RenderedChart.merge(base, CrdSchemas.YAML.readTree(extra)));
  }

  /** A copy of the chart whose values.yaml is the chart's merged with {@code values} (lint takes no -f). */
  private Path stage(Path values) throws Exception {
    Path copy = tmp.resolve("lint-" + values.getFileName()).resolve("mixmo-spark");
    List<Path> files;
    try (Stream<Path> all = Files.walk(Repo.CHART)) {
      files = new ArrayList<>(all.filter(Files::isRegularFile).toList());
    }
    for (Path f : files) {
      Path target = copy.resolve(Repo.CHART.relativize(f).toString());
      Files.createDirectories(target.getParent());
      Files.copy(f, target);
    }
    JsonNode merged = RenderedChart.merge(CrdSchemas.YAML.readTree(Repo.CHART.resolve("values.yaml").toFile()),
        CrdSchemas.YAML.readTree(values.toFile()));
    Files.writeString(copy.resolve("values.yaml"), CrdSchemas.YAML.writeValueAsString(merged));
    return copy;
  }
}

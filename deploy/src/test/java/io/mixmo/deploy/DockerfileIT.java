package io.mixmo.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The image of this build's Spark line ({@code deploy/docker/Dockerfile}, or {@code Dockerfile.spark4}
 * with -Dspark4) checked without a Docker engine (none runs here), after {@code package}: the base
 * image is the official Apache Spark image of the build's Spark and Scala versions with Java 17; every {@code COPY} source exists in the build (the shaded jar: exactly one)
 * and is sent by {@code .dockerignore}; the jar's manifest names the main class the chart runs, at
 * the path the chart runs it from; the chart's GPU discovery script path lands in the image from
 * {@code deploy/bin/}. Not checked: that the base image tag exists on Docker Hub, that the image
 * builds, or that the script itself is there (the gpu issue writes {@code deploy/bin/gpu-discovery.sh}).
 */
class DockerfileIT {
  final Dockerfile docker;
  final DockerIgnore ignore;

  DockerfileIT() throws Exception {
    docker = Dockerfile.read(Repo.DOCKERFILE);
    ignore = new DockerIgnore(Repo.ROOT.resolve(".dockerignore"));
  }

  @Test
  void baseImageIsTheOfficialSparkImageOfThePomsVersionsWithJava17() {
    String expected = "apache/spark:" + Repo.buildProperty("spark.version") + "-scala"
        + Repo.buildProperty("scala.binary.version") + "-java" + Repo.pomProperty("maven.compiler.release") + "-ubuntu";
    assertThat(docker.from()).isEqualTo(expected);
    assertThat(Repo.pomProperty("maven.compiler.release")).isEqualTo("17");
  }

  @Test
  void everyCopySourceIsMadeByTheBuildAndSentToTheBuilder() throws Exception {
    assertThat(docker.copies()).isNotEmpty();
    for (Dockerfile.Copy copy : docker.copies()) {
      for (String source : copy.sources()) {
        List<Path> matches = BuildContext.matches(source);
        assertThat(matches).as("COPY " + source + " (run mvn package first)").isNotEmpty();
        if (!copy.destination().endsWith("/")) {
          assertThat(matches).as("COPY " + source + " to the file " + copy.destination()).hasSize(1);
        }
        for (Path m : matches) {
          for (Path f : BuildContext.filesUnder(m)) {
            String relative = Repo.ROOT.relativize(f).toString();
            assertThat(ignore.sends(relative)).as(relative + " is excluded by .dockerignore").isTrue();
          }
        }
      }
    }
    assertThat(ignore.sends(".javacpp-cache/x.so")).as(".dockerignore keeps the rest out").isFalse();
    assertThat(ignore.sends("driver/target/classes/io/mixmo/driver/Main.class")).isFalse();
  }

  @Test
  void theJarAndMainClassAreTheOnesTheChartRuns() throws Exception {
    RenderedChart chart = RenderedChart.render(Repo.CHART.resolve("ci/cpu-one-off-values.yaml"));
    JsonNode spec = chart.ofKind("SparkApplication").get(0).path("spec");
    String jarInImage = spec.path("mainApplicationFile").asText().replaceFirst("^local://", "");
    String jarSource = docker.contextPathOf(jarInImage);
    assertThat(jarSource).as("a COPY puts " + jarInImage + " in the image").isNotNull();
    assertThat(docker.env()).containsEntry("MIXMO_JAR", jarInImage);
    Path jar = BuildContext.matches(jarSource).get(0);
    try (JarFile file = new JarFile(jar.toFile())) {
      String main = file.getManifest().getMainAttributes().getValue("Main-Class");
      assertThat(main).isEqualTo(spec.path("mainClass").asText());
      assertThat(file.getEntry(main.replace('.', '/') + ".class")).as(main + " in " + jar).isNotNull();
      assertThat(file.getEntry("io/mixmo/driver/metrics/MixmoMetricsPlugin.class")).as("spark.plugins class").isNotNull();
    }
    assertThat(spec.path("sparkVersion").asText()).isEqualTo(Repo.pomProperty("spark.version"));
    String cache = spec.at("/driver/javaOptions").asText().replaceAll(".*-Dorg.bytedeco.javacpp.cachedir=(\\S+).*", "$1");
    assertThat(docker.runs()).anyMatch(r -> r.contains("mkdir -p " + cache) && r.contains("chown spark:spark " + cache));
  }

  @Test
  void theGpuDiscoveryScriptOfTheChartComesFromDeployBin() throws Exception {
    RenderedChart chart = RenderedChart.render(Repo.CHART.resolve("ci/gpu-values.yaml"));
    String script = chart.ofKind("SparkApplication").get(0)
        .at("/spec/sparkConf/spark.executor.resource.gpu.discoveryScript").asText();
    assertThat(docker.contextPathOf(script)).isEqualTo("deploy/bin/gpu-discovery.sh");
    assertThat(docker.imagePathOf("deploy/bin/mixmo")).isEqualTo("/opt/mixmo/bin/mixmo");
    assertThat(ignore.sends("deploy/bin/gpu-discovery.sh")).isTrue();
  }
}

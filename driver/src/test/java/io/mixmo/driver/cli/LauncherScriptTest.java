package io.mixmo.driver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code deploy/bin/mixmo}'s argument handling, in dry-run mode (prints the command, one argument a line). */
class LauncherScriptTest {
  static final Path SCRIPT = Path.of("").toAbsolutePath().getParent().resolve("deploy/bin/mixmo");

  record Result(int exit, List<String> lines, String err) {}

  static Result launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("SPARK_HOME");
    pb.environment().put("MIXMO_DRY_RUN", "1");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), out.lines().toList(), err);
  }

  @Test
  void sparkSubmitModePassesMasterAndConfsToSparkSubmitAndTheRestToTheApplication() throws Exception {
    Result r = launch(Map.of("SPARK_HOME", "/opt/spark"), "train", "--master", "yarn", "--conf", "spark.a=1",
        "--preset", "quickstart", "--conf=spark.b=2 x", "--master=k8s://https://h:6443");
    assertThat(r.exit()).isZero();
    List<String> lines = r.lines();
    assertThat(lines.subList(0, 3)).containsExactly("/opt/spark/bin/spark-submit", "--class", "io.mixmo.driver.Main");
    int jar = indexOfJar(lines);
    List<String> submit = lines.subList(0, jar);
    assertThat(submit).containsSubsequence("--master", "k8s://https://h:6443")
        .containsSubsequence("--conf", "spark.a=1", "--conf", "spark.b=2 x").doesNotContain("yarn");
    assertThat(lines.subList(jar + 1, lines.size())).containsExactly("train", "--preset", "quickstart");
  }

  @Test
  void embeddedModeRunsJavaWithSparkFlagsAsSystemPropertiesAndLocalMasterByDefault() throws Exception {
    Result r = launch(Map.of(), "--version");
    assertThat(r.exit()).isZero();
    assertThat(r.lines().get(0)).isEqualTo("java");
    assertThat(r.lines()).contains("-Dspark.master=local[*]", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "-Djdk.reflect.useDirectMethodHandle=false", "-Dorg.bytedeco.javacpp.maxbytes=4G",
        "-Dorg.bytedeco.javacpp.maxphysicalbytes=" + (4L << 30) * 3);
    assertThat(r.lines().subList(r.lines().size() - 2, r.lines().size()))
        .containsExactly("io.mixmo.driver.Main", "--version");
    String classpath = r.lines().get(r.lines().indexOf("-cp") + 1);
    assertThat(classpath).startsWith(SCRIPT.getParent().getParent().getParent() + "/driver/target/classes");
  }

  @Test
  void embeddedFlagWinsOverSparkHome() throws Exception {
    Result r = launch(Map.of("SPARK_HOME", "/opt/spark"), "train", "--embedded", "--master", "local[2]",
        "--conf", "spark.ui.enabled=false", "--epochs", "1");
    assertThat(r.exit()).isZero();
    assertThat(r.lines().get(0)).isEqualTo("java");
    assertThat(r.lines()).contains("-Dspark.master=local[2]", "-Dspark.ui.enabled=false")
        .doesNotContain("--embedded", "--master", "-Dspark.master=local[*]");
    int main = r.lines().indexOf("io.mixmo.driver.Main");
    assertThat(r.lines().subList(main + 1, r.lines().size())).containsExactly("train", "--epochs", "1");
  }

  @Test
  void masterWithoutValueIsAUsageError() throws Exception {
    Result r = launch(Map.of(), "train", "--master");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--master needs a value");
  }

  @Test
  void theCudaBuildSubmitsTheCudaJarFromTargetCudaAndAnUnknownBuildExitsTwo() throws Exception {
    Result r = launch(Map.of("SPARK_HOME", "/opt/spark", "MIXMO_BUILD", "cuda"), "train", "--gpus-per-executor", "2");
    assertThat(r.exit()).as(r.err()).isZero();
    String jar = r.lines().get(indexOfJar(r.lines()));
    assertThat(jar).contains("/driver/target-cuda/mixmo-driver-").endsWith("-cuda.jar");
    assertThat(r.lines().subList(indexOfJar(r.lines()) + 1, r.lines().size()))
        .containsExactly("train", "--gpus-per-executor", "2");
    if (!java.nio.file.Files.exists(Path.of(jar))) {
      assertThat(r.err()).contains("would build: mvn -B -q -DskipTests -Pcuda package -pl driver -am");
    }
    Result bad = launch(Map.of("MIXMO_BUILD", "gpu"), "--version");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("MIXMO_BUILD must be cpu or cuda, found 'gpu'");
  }

  private static int indexOfJar(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).endsWith(".jar")) {
        return i;
      }
    }
    throw new AssertionError("no jar in " + lines);
  }
}

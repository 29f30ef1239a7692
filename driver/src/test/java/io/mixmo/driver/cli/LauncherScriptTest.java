package io.mixmo.driver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/bin/mixmo}'s argument handling, in dry-run mode (prints the command, one argument a
 * line, and keeps the private properties files, whose paths it prints on stderr).
 */
class LauncherScriptTest {
  static final Path SCRIPT = Path.of("").toAbsolutePath().getParent().resolve("deploy/bin/mixmo");
  private static final String SECRET = "S3CR3T-value";

  @TempDir Path tmp;
  private final List<Path> privateFiles = new ArrayList<>();

  record Result(int exit, List<String> lines, String err, List<Path> privateFiles) {}

  Result launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("SPARK_HOME");
    pb.environment().remove("MIXMO_SPARK_PROPERTIES");
    pb.environment().remove("OMP_NUM_THREADS");
    pb.environment().put("MIXMO_DRY_RUN", "1");
    pb.environment().put("TMPDIR", tmp.toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    List<Path> files = err.lines().filter(l -> l.startsWith("[dry run] private properties file: "))
        .map(l -> Path.of(l.substring(l.indexOf(": ") + 2))).toList();
    privateFiles.addAll(files);
    return new Result(p.waitFor(), out.lines().toList(), err, files);
  }

  @AfterEach
  void removePrivateFiles() throws IOException {
    for (Path f : privateFiles) {
      Files.deleteIfExists(f);
    }
  }

  static Map<String, String> properties(Path file) throws IOException {
    assertThat(Files.getPosixFilePermissions(file)).as("private: owner read/write only")
        .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    Map<String, String> out = new HashMap<>();
    p.forEach((k, v) -> out.put(k.toString(), v.toString()));
    return out;
  }

  @Test
  void sparkSubmitModePassesTheMasterAsAFlagAndTheConfsInAPrivatePropertiesFileAfterTheClustersDefaults()
      throws Exception {
    Path sparkHome = tmp.resolve("spark");
    Files.createDirectories(sparkHome.resolve("conf"));
    Files.writeString(sparkHome.resolve("conf/spark-defaults.conf"), "spark.eventLog.enabled true\nspark.a 0\n");
    Result r = launch(Map.of("SPARK_HOME", sparkHome.toString()), "train", "--master", "yarn", "--conf", "spark.a=1",
        "--preset", "quickstart", "--conf=spark.hadoop.fs.s3a.secret.key=" + SECRET, "--master=k8s://https://h:6443");
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = r.lines();
    assertThat(lines.subList(0, 3)).containsExactly(sparkHome + "/bin/spark-submit", "--class", "io.mixmo.driver.Main");
    int jar = indexOfJar(lines);
    List<String> submit = lines.subList(0, jar);
    assertThat(submit).containsSubsequence("--master", "k8s://https://h:6443").doesNotContain("yarn", "--conf");
    assertThat(String.join(" ", lines)).doesNotContain(SECRET);
    assertThat(lines.subList(jar + 1, lines.size())).containsExactly("train", "--preset", "quickstart");
    assertThat(r.privateFiles()).hasSize(2);
    Path submitFile = Path.of(lines.get(jar - 1));
    assertThat(lines.get(jar - 2)).isEqualTo("--properties-file");
    assertThat(properties(submitFile)).containsEntry("spark.eventLog.enabled", "true").containsEntry("spark.a", "1")
        .containsEntry("spark.hadoop.fs.s3a.secret.key", SECRET).containsEntry("spark.executorEnv.OMP_NUM_THREADS", "1");
    Path given = r.privateFiles().stream().filter(f -> !f.equals(submitFile)).findFirst().orElseThrow();
    assertThat(properties(given)).containsOnly(Map.entry("spark.master", "k8s://https://h:6443"),
        Map.entry("spark.a", "1"), Map.entry("spark.hadoop.fs.s3a.secret.key", SECRET));
  }

  @Test
  void sparkSubmitModeMergesThePropertiesFileOfMixmoSubmitOptsInsteadOfTheDefaults() throws Exception {
    Path file = tmp.resolve("yarn.conf");
    Files.writeString(file, "spark.submit.deployMode client\nspark.executor.memory 8g\n");
    Result r = launch(Map.of("SPARK_HOME", tmp.resolve("spark").toString(), "MIXMO_SUBMIT_OPTS",
        "--properties-file " + file + " --deploy-mode client"), "train", "--conf", "spark.executor.memory=16g");
    assertThat(r.exit()).as(r.err()).isZero();
    int jar = indexOfJar(r.lines());
    assertThat(r.lines().subList(0, jar)).containsSubsequence("--properties-file", file.toString(), "--deploy-mode",
        "client", "--properties-file");
    assertThat(properties(Path.of(r.lines().get(jar - 1)))).containsEntry("spark.submit.deployMode", "client")
        .containsEntry("spark.executor.memory", "16g");
  }

  @Test
  void embeddedModeRunsJavaWithLoopbackDefaultsAndNoPrivateFileWhenNoSparkFlagIsGiven() throws Exception {
    Result r = launch(Map.of(), "--version");
    assertThat(r.exit()).isZero();
    assertThat(r.lines().get(0)).isEqualTo("java");
    assertThat(r.lines()).contains("-Dspark.master=local[*]", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "-Djdk.reflect.useDirectMethodHandle=false", "-Dorg.bytedeco.javacpp.maxbytes=4G",
        "-Dorg.bytedeco.javacpp.maxphysicalbytes=" + (4L << 30) * 3, "-Dspark.driver.bindAddress=127.0.0.1");
    assertThat(r.lines()).anyMatch(l -> l.matches("-Dmixmo\\.log\\.file=.*/runs/logs/mixmo-\\d{8}-\\d{6}-\\d+\\.log"));
    assertThat(r.lines().subList(r.lines().size() - 2, r.lines().size()))
        .containsExactly("io.mixmo.driver.Main", "--version");
    assertThat(r.lines()).as("the serialization filter, the same as SerialFilter.PATTERN")
        .contains(io.mixmo.driver.guard.SerialFilter.javaOption())
        .anyMatch(l -> l.matches("-XX:ErrorFile=.*/runs/logs/hs_err_pid%p\\.log"));
    String classpath = r.lines().get(r.lines().indexOf("-cp") + 1);
    assertThat(classpath).startsWith(SCRIPT.getParent().getParent().getParent() + "/driver/target/classes");
    assertThat(r.privateFiles()).isEmpty();
  }

  @Test
  void embeddedModeHandsTheGivenMasterAndConfsOverInAPrivateFileNotAsSystemProperties() throws Exception {
    Result r = launch(Map.of("SPARK_HOME", "/opt/spark", "MIXMO_CLASSPATH", "/x/hadoop-aws.jar"), "train",
        "--embedded", "--master", "local[2]", "--conf", "spark.ui.enabled=true", "--epochs", "1", "--conf",
        "spark.x.password=" + SECRET + " with spaces\\and=signs");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.lines().get(0)).isEqualTo("java");
    assertThat(String.join(" ", r.lines())).doesNotContain(SECRET).doesNotContain("-Dspark.master=local[2]");
    assertThat(r.lines()).doesNotContain("--embedded", "--master", "--conf");
    assertThat(r.lines().get(r.lines().indexOf("-cp") + 1)).endsWith(":/x/hadoop-aws.jar");
    int main = r.lines().indexOf("io.mixmo.driver.Main");
    assertThat(r.lines().subList(main + 1, r.lines().size())).containsExactly("train", "--epochs", "1");
    assertThat(r.privateFiles()).hasSize(1);
    assertThat(properties(r.privateFiles().get(0))).containsOnly(Map.entry("spark.master", "local[2]"),
        Map.entry("spark.ui.enabled", "true"), Map.entry("spark.x.password", SECRET + " with spaces\\and=signs"));
    assertThat(LauncherProperties.read(r.privateFiles().get(0).toString()).master()).isEqualTo("local[2]");
  }

  @Test
  void setOfASparkPropertyTakesThePrivatePathLikeConfAndOtherSetsStayArguments() throws Exception {
    Result r = launch(Map.of(), "train", "--set", "spark.conf.spark.hadoop.fs.azure.account.key.a.dfs.core.windows.net="
        + SECRET, "--set=spark.conf.spark.hadoop.fs.gs.auth.service.account.private.key=" + SECRET, "--set",
        "mixing.alpha=1.0", "--set", "spark.conf.executor.memory=4g", "--set=spark.master=local[1]");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(String.join(" ", r.lines())).doesNotContain(SECRET);
    int main = r.lines().indexOf("io.mixmo.driver.Main");
    assertThat(r.lines().subList(main + 1, r.lines().size())).as("what is not a Spark property stays an argument")
        .containsExactly("train", "--set", "mixing.alpha=1.0", "--set", "spark.conf.executor.memory=4g",
            "--set=spark.master=local[1]");
    assertThat(properties(r.privateFiles().get(0))).containsOnly(
        Map.entry("spark.hadoop.fs.azure.account.key.a.dfs.core.windows.net", SECRET),
        Map.entry("spark.hadoop.fs.gs.auth.service.account.private.key", SECRET));

    Path sparkHome = Files.createDirectories(tmp.resolve("spark2"));
    Result submit = launch(Map.of("SPARK_HOME", sparkHome.toString()), "train", "--set",
        "spark.conf.spark.hadoop.fs.s3a.secret.key=" + SECRET);
    assertThat(submit.exit()).as(submit.err()).isZero();
    assertThat(String.join(" ", submit.lines())).doesNotContain(SECRET);
    int jar = indexOfJar(submit.lines());
    assertThat(properties(Path.of(submit.lines().get(jar - 1))))
        .containsEntry("spark.hadoop.fs.s3a.secret.key", SECRET);
  }

  @Test
  void withoutDryRunThePrivateFileIsGoneWhenTheCommandEnds() throws Exception {
    Path fakeJava = tmp.resolve("bin/java");
    Files.createDirectories(fakeJava.getParent());
    Files.writeString(fakeJava, "#!/bin/sh\ncat \"$MIXMO_SPARK_PROPERTIES\"; exit 7\n");
    fakeJava.toFile().setExecutable(true);
    // before `package` (a fresh clone's test phase) the launcher would build: not from a test
    Path fakeMaven = Files.writeString(tmp.resolve("bin/mvn"), "#!/bin/sh\nexit 0\n");
    fakeMaven.toFile().setExecutable(true);
    Map<String, String> env = new HashMap<>(Map.of("MIXMO_DRY_RUN", "0", "PATH", fakeJava.getParent() + ":"
        + System.getenv("PATH")));
    Result r = launch(env, "train", "--conf", "spark.y=2");
    assertThat(r.exit()).as("the child's exit code").isEqualTo(7);
    assertThat(r.lines()).contains("spark.y=2");
    try (var left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("mixmo-spark-"));
    }
  }

  /** {@code MIXMO_JAR}: the jar the launcher submits (the container image sets it). */
  @Test
  void sparkSubmitModeSubmitsTheJarNamedByMixmoJar() throws Exception {
    Result r = launch(Map.of("SPARK_HOME", tmp.resolve("spark").toString(), "MIXMO_JAR",
        "/opt/mixmo/jars/mixmo-driver.jar"), "train", "--epochs", "1");
    assertThat(r.exit()).as(r.err()).isZero();
    int jar = r.lines().indexOf("/opt/mixmo/jars/mixmo-driver.jar");
    assertThat(jar).isPositive();
    assertThat(r.lines().subList(jar + 1, r.lines().size())).containsExactly("train", "--epochs", "1");
    assertThat(r.err()).doesNotContain("building");
  }

  @Test
  void masterWithoutValueAndAConfThatIsNotASparkPropertyAreUsageErrors() throws Exception {
    Result r = launch(Map.of(), "train", "--master");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--master needs a value");
    Result conf = launch(Map.of(), "train", "--conf", "executor.memory=4g");
    assertThat(conf.exit()).isEqualTo(2);
    assertThat(conf.err()).contains("Spark property (spark.*), found 'executor.memory'");
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

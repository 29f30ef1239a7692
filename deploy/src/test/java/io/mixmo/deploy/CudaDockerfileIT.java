package io.mixmo.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixmo.driver.gpu.CudaLibraries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The CUDA image ({@code deploy/docker/Dockerfile.cuda}) checked without a Docker engine: its base is the
 * CPU image's of the Spark 3.5 line (the CUDA build's: the root pom's Spark and Scala versions, Java 17),
 * for x86_64 (the only platform of the pom's CUDA natives); its layout (paths, environment, user) is the
 * CPU image's; its jar is the one the pom's {@code cuda} profile writes, at the path the chart's GPU run
 * submits, and {@code .dockerignore} sends it; every library the GPU preflight
 * ({@link CudaLibraries#REQUIRED}) requires except the node's NVIDIA driver comes from a pinned NVIDIA
 * package of the CUDA 13 minor release the pom's JavaCPP CUDA presets were built for, with cuDNN 9 for
 * CUDA 13.
 *
 * <p>The jar itself exists only after {@code bash .ci/cuda-build}: without it the COPY-source and
 * manifest checks are skipped by an assumption (a plain {@code mvn verify}); {@code .ci/cuda-build}
 * runs this class with {@code -Dmixmo.cuda.jar.required=true}, where a missing jar fails. Not checked:
 * that the base tag and NVIDIA's packages exist for download, that the image builds, that CUDA works in it.
 */
class CudaDockerfileIT {
  static final Path FILE = Repo.ROOT.resolve("deploy/docker/Dockerfile.cuda");
  /** The Ubuntu packages of NVIDIA's repository that hold each library (every libcudnn_*.so.9: the cuDNN 9 package). */
  static final Map<String, String> PACKAGE_OF = Map.of(
      "libcudart.so.13", "cuda-cudart-13-", "libcublas.so.13", "libcublas-13-", "libcublasLt.so.13", "libcublas-13-",
      "libnvrtc.so.13", "cuda-nvrtc-13-", "libcudnn_*.so.9", "libcudnn9-cuda-13=");

  final Dockerfile docker;
  final Dockerfile cpu;
  final DockerIgnore ignore;

  CudaDockerfileIT() throws Exception {
    docker = Dockerfile.read(FILE);
    cpu = Dockerfile.read(Repo.ROOT.resolve("deploy/docker/Dockerfile"));
    ignore = new DockerIgnore(Repo.ROOT.resolve(".dockerignore"));
  }

  @Test
  void baseIsTheCpuImagesOfTheCudaBuildsSparkLineForX8664() {
    String expected = "apache/spark:" + Repo.pomProperty("spark.version") + "-scala"
        + Repo.pomProperty("scala.binary.version") + "-java" + Repo.pomProperty("maven.compiler.release") + "-ubuntu";
    assertThat(docker.from()).isEqualTo(expected).isEqualTo(cpu.from());
    assertThat(docker.platform()).as("FROM --platform (the CUDA presets' JNI glue is linux-x86_64)").isEqualTo("linux/amd64");
  }

  @Test
  void layoutEnvironmentAndUserAreTheCpuImages() {
    assertThat(docker.copies().stream().map(Dockerfile.Copy::destination))
        .containsExactlyElementsOf(cpu.copies().stream().map(Dockerfile.Copy::destination).toList());
    String jar = cpu.env().get("MIXMO_JAR");
    assertThat(docker.copies().stream().filter(c -> !c.destination().equals(jar)))
        .containsExactlyElementsOf(cpu.copies().stream().filter(c -> !c.destination().equals(jar)).toList());
    assertThat(docker.env()).containsAllEntriesOf(cpu.env());
    assertThat(docker.runs()).containsAll(cpu.runs());
    assertThat(docker.user()).isEqualTo(cpu.user()).isEqualTo("spark");
  }

  @Test
  void theJarIsTheOneTheCudaProfileWritesAndDockerignoreSendsIt() throws Exception {
    String source = docker.contextPathOf(docker.env().get("MIXMO_JAR"));
    String built = "driver/" + cudaBuildDirectory() + "/mixmo-driver-" + Repo.projectVersion() + "-"
        + cudaClassifier() + ".jar";
    assertThat(source).as("the COPY to MIXMO_JAR").isNotNull();
    assertThat(Path.of(source).getParent()).isEqualTo(Path.of(built).getParent());
    assertThat(BuildContext.nameMatches(source, Path.of(built).getFileName().toString())).as(source + " takes " + built).isTrue();
    String cpuJar = "mixmo-driver-" + Repo.projectVersion() + "-spark" + Repo.pomProperty("spark.line") + ".jar";
    assertThat(BuildContext.nameMatches(source, cpuJar)).as(source + " must not take the CPU jar").isFalse();
    assertThat(BuildContext.nameMatches(source, "mixmo-driver-" + Repo.projectVersion() + ".jar")).isFalse();
    assertThat(ignore.sends(built)).as(built + " is excluded by .dockerignore").isTrue();
    assertThat(ignore.sends(Path.of(built).getParent() + "/classes/io/mixmo/driver/Main.class")).isFalse();
  }

  @Test
  void theChartsGpuRunUsesThisImagesPaths() throws Exception {
    Path values = Repo.CHART.resolve("ci/gpu-values.yaml");
    JsonNode spec = RenderedChart.render(values).ofKind("SparkApplication").get(0).path("spec");
    assertThat(spec.path("image").asText()).isEqualTo(CrdSchemas.YAML.readTree(values.toFile()).at("/gpu/image").asText());
    String jarInImage = spec.path("mainApplicationFile").asText().replaceFirst("^local://", "");
    assertThat(docker.env()).containsEntry("MIXMO_JAR", jarInImage);
    assertThat(docker.contextPathOf(jarInImage)).as("a COPY puts " + jarInImage + " in the image").contains("cuda");
    String script = spec.at("/sparkConf/spark.executor.resource.gpu.discoveryScript").asText();
    assertThat(docker.contextPathOf(script)).isEqualTo("deploy/bin/gpu-discovery.sh");
    assertThat(Repo.ROOT.resolve("deploy/bin/gpu-discovery.sh")).isRegularFile();
    assertThat(spec.path("sparkVersion").asText()).isEqualTo(Repo.pomProperty("spark.version"));
    String cache = spec.at("/driver/javaOptions").asText().replaceAll(".*-Dorg.bytedeco.javacpp.cachedir=(\\S+).*", "$1");
    assertThat(docker.runs()).anyMatch(r -> r.contains("mkdir -p " + cache) && r.contains("chown spark:spark " + cache));
  }

  @Test
  void theLibrariesThePreflightRequiresComeFromPinnedPackagesOfThePresetsCudaRelease() {
    List<String> libraries = new ArrayList<>(CudaLibraries.REQUIRED);
    assertThat(libraries.remove("libcuda.so.1")).as("the driver library, mounted from the node").isTrue();
    List<String> installs = docker.aptInstalls();
    assertThat(installs).as("every package pinned").isNotEmpty().allMatch(p -> p.matches("[\\w.+-]+=[\\w.+~:-]+"));
    for (String lib : libraries) {
      String key = lib.startsWith("libcudnn_") ? "libcudnn_*.so.9" : lib;
      assertThat(PACKAGE_OF).as(lib + ": which package holds it? (a library the preflight now requires)").containsKey(key);
      assertThat(installs).as(lib).anyMatch(p -> p.startsWith(PACKAGE_OF.get(key)));
    }
    String minor = single(installs, "^[\\w-]+-13-(\\d+)=.*", "CUDA 13 packages of one minor release");
    // the presets (e.g. 13.1-9.19-1.5.13) were built against CUDA 13.<minor>: the image has that release
    assertThat(Repo.pomProperty("cuda.presets.version")).startsWith("13." + minor + "-9.");
    single(installs, "^libcudnn9-cuda-13=(9)\\.[\\d.]+-\\d+$", "cuDNN 9 for CUDA 13");
    assertThat(installs).noneMatch(p -> p.matches(".*-(11|12)-\\d+=.*") || p.startsWith("libcudnn8"));
    String libDir = "/usr/local/cuda-13." + minor + "/targets/x86_64-linux/lib";
    assertThat(docker.runs()).as("the loader finds " + libDir).anyMatch(r -> r.contains(libDir) && r.contains("ldconfig"));
    assertThat(docker.env()).doesNotContainKey("NVIDIA_VISIBLE_DEVICES");
    assertThat(docker.env().get("NVIDIA_DRIVER_CAPABILITIES")).contains("compute").contains("utility");
  }

  @Test
  void everyCopySourceIsMadeByTheCudaBuildAndTheJarRunsTheChartsMainClass() throws Exception {
    String jarSource = docker.contextPathOf(docker.env().get("MIXMO_JAR"));
    List<Path> jars = BuildContext.matches(jarSource);
    if (!Boolean.getBoolean("mixmo.cuda.jar.required")) {
      Assumptions.assumeFalse(jars.isEmpty(), "no " + jarSource + ": the CUDA jar is built by bash .ci/cuda-build"
          + " (which runs this check with it); the checks that need no jar ran");
    }
    for (Dockerfile.Copy copy : docker.copies()) {
      for (String source : copy.sources()) {
        List<Path> matches = BuildContext.matches(source);
        assertThat(matches).as("COPY " + source + " (run bash .ci/cuda-build first)").isNotEmpty();
        if (!copy.destination().endsWith("/")) {
          assertThat(matches).as("COPY " + source + " to the file " + copy.destination()).hasSize(1);
        }
        for (Path m : matches) {
          for (Path f : BuildContext.filesUnder(m)) {
            assertThat(ignore.sends(Repo.ROOT.relativize(f).toString())).as(f + " is excluded by .dockerignore").isTrue();
          }
        }
      }
    }
    String mainClass = RenderedChart.render(Repo.CHART.resolve("ci/gpu-values.yaml")).ofKind("SparkApplication").get(0)
        .at("/spec/mainClass").asText();
    try (JarFile file = new JarFile(jars.get(0).toFile())) {
      assertThat(file.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(mainClass);
      for (String entry : List.of(mainClass.replace('.', '/') + ".class", "io/mixmo/driver/gpu/cuda/CudaDeviceBinder.class",
          "mixmo-cuda/index.txt", "mixmo-cuda/cuda-" + Repo.pomProperty("cuda.presets.version") + ".jar",
          "io/mixmo/driver/metrics/MixmoMetricsPlugin.class")) {
        assertThat(file.getEntry(entry)).as(entry + " in " + jars.get(0)).isNotNull();
      }
    }
  }

  /** The one value of a regex group over all packages that match it (fails on none or several). */
  private static String single(List<String> installs, String regex, String what) {
    Pattern p = Pattern.compile(regex);
    List<String> found = installs.stream().map(p::matcher).filter(Matcher::matches).map(m -> m.group(1)).distinct().toList();
    assertThat(found).as(what + " in " + installs).hasSize(1);
    return found.get(0);
  }

  /** The cuda profile's build directory (root pom): every module builds there with -Pcuda. */
  private static String cudaBuildDirectory() throws Exception {
    return profileValue(Repo.ROOT.resolve("pom.xml"), "<directory>\\$\\{project\\.basedir\\}/([^<]+)</directory>");
  }

  /** The cuda profile's shaded-jar classifier (driver pom). */
  private static String cudaClassifier() throws Exception {
    return profileValue(Repo.ROOT.resolve("driver/pom.xml"), "<shade\\.classifier>([^<]+)</shade\\.classifier>");
  }

  private static String profileValue(Path pom, String regex) throws Exception {
    String text = Files.readString(pom);
    int profile = text.indexOf("<id>cuda</id>");
    assertThat(profile).as("a cuda profile in " + pom).isNotNegative();
    Matcher m = Pattern.compile(regex).matcher(text.substring(profile, text.indexOf("</profile>", profile)));
    assertThat(m.find()).as(regex + " in the cuda profile of " + pom).isTrue();
    return m.group(1).trim();
  }
}

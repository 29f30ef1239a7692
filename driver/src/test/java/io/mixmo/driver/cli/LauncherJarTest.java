package io.mixmo.driver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code MIXMO_JAR}: the jar the launcher submits (the container image sets it), in dry-run mode. */
class LauncherJarTest {
  @Test
  void sparkSubmitModeSubmitsTheJarNamedByMixmoJar() throws Exception {
    LauncherScriptTest.Result r = LauncherScriptTest.launch(
        Map.of("SPARK_HOME", "/opt/spark", "MIXMO_JAR", "/opt/mixmo/jars/mixmo-driver.jar"), "train", "--epochs", "1");
    assertThat(r.exit()).as(r.err()).isZero();
    int jar = r.lines().indexOf("/opt/mixmo/jars/mixmo-driver.jar");
    assertThat(jar).isPositive();
    assertThat(r.lines().subList(jar + 1, r.lines().size())).containsExactly("train", "--epochs", "1");
    assertThat(r.err()).doesNotContain("building");
  }
}

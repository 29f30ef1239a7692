package io.mixmo.driver.cli;

import io.mixmo.driver.config.ConfigException;
import io.mixmo.driver.config.SparkConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The Spark settings the launcher ({@code deploy/bin/mixmo}) was given as {@code --master} and
 * {@code --conf}: it writes them to a private (0600) Java properties file and passes its path in
 * {@value #ENV}, so that secrets never sit on a command line that {@code ps} shows. Read once on the
 * driver by {@link MixmoCommand#execute}; the launcher deletes the file when the process ends.
 */
public final class LauncherProperties {
  /** The environment variable holding the file's path. */
  public static final String ENV = "MIXMO_SPARK_PROPERTIES";

  private LauncherProperties() {}

  /**
   * The settings in the file at {@code path}; none when {@code path} is null or empty, or names no
   * file (a driver that spark-submit started elsewhere, in cluster deploy mode, where the launcher's
   * file is not: spark-submit gave it the same properties itself).
   */
  public static SparkConfig read(String path) {
    if (path == null || path.isBlank() || !Files.exists(Path.of(path))) {
      return new SparkConfig("", Map.of());
    }
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException(ENV + " names " + path + ", which cannot be read as a properties file: "
          + e.getMessage(), e);
    }
    Map<String, String> conf = new LinkedHashMap<>();
    new TreeMap<>(properties).forEach((k, v) -> conf.put(k.toString(), v.toString()));
    String master = conf.remove("spark.master");
    return new SparkConfig(master == null ? "" : master, conf);
  }
}

package io.mixmo.datasets.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The datasets module's version, from the build-filtered {@code mixmo-datasets.properties}. */
public final class ToolVersion {
  private ToolVersion() {}

  public static String get() {
    try (InputStream in = ToolVersion.class.getResourceAsStream("/mixmo-datasets.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}

package io.mixmo.driver.cli;

import io.mixmo.driver.run.BuildInfo;
import picocli.CommandLine;

/** {@code mixmo --version}: this build's version and git commit, and the Spark and ND4J on the classpath. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
        "mixmo " + BuildInfo.version() + " (git " + BuildInfo.gitSha() + ")",
        "Spark " + BuildInfo.sparkVersion() + ", ND4J " + BuildInfo.nd4jVersion() + ", Java "
            + System.getProperty("java.version")};
  }
}

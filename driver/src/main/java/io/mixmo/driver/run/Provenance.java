package io.mixmo.driver.run;

import io.mixmo.driver.config.TrainConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;

/**
 * Everything needed to reproduce a run besides its configuration ({@code provenance.json}, also
 * copied into every checkpoint): the run seed (every other seed derives from it with
 * {@code Seeds.derive}), the dataset and the sha256 of its manifest (which itself holds the sha256
 * of every shard), the warm-start model and its sha256 ({@code run.init-from}, empty when none),
 * the git commit and version of this build, Java/Spark/ND4J versions, host, start
 * time and the command line. Made on the driver at the start of a run.
 */
public record Provenance(long runSeed, String seedDerivation, String datasetUri, String datasetManifestSha256,
    String initFrom, String initFromSha256, String mixmoVersion, String gitSha, String javaVersion, String sparkVersion, String nd4jVersion,
    String host, String startTime, List<String> commandLine) {

  static final String SEED_DERIVATION = "Seeds.derive(runSeed, epoch, partition) per epoch shuffle;"
      + " Seeds.derive(epochSeed, step) per batch";

  public Provenance {
    commandLine = List.copyOf(commandLine);
  }

  /** The provenance of a run of {@code config} starting now on this host. */
  public static Provenance collect(TrainConfig config, String manifestSha256, String initFromSha256,
      List<String> commandLine) {
    return new Provenance(config.distributed().seed(), SEED_DERIVATION, config.data().dataset(), manifestSha256,
        config.run().initFrom(), initFromSha256, BuildInfo.version(), BuildInfo.gitSha(), System.getProperty("java.version"), BuildInfo.sparkVersion(),
        BuildInfo.nd4jVersion(), hostName(), Instant.now().toString(), commandLine);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}

package io.mixmo.driver.runner;

import io.mixmo.driver.cli.MixmoCommand;
import io.mixmo.driver.orchestration.SparkRunners;
import io.mixmo.driver.run.Runners;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** Runs {@code mixmo <args>} in this JVM with the registered runners, capturing its output (tests). */
final class Cli {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    return MixmoCommand.commandLine(SparkRunners.all(), new Configuration(), List.of(args), new PrintWriter(out, true),
        new PrintWriter(err, true)).execute(args);
  }

  /** Flags every test run takes: 2 local cores, no UI, loopback only. */
  static final List<String> SPARK = List.of("--master", "local[2]", "--conf", "spark.ui.enabled=false",
      "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1");

  String output() {
    return out + "\n--- stderr ---\n" + err;
  }
}

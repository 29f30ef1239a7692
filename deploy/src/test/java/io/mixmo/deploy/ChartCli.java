package io.mixmo.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixmo.driver.cli.MixmoCommand;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.driver.config.TrainConfigYaml;
import io.mixmo.driver.run.Runners;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine;

/**
 * A rendered application's {@code arguments} given to the real {@code mixmo} command line: parsed by
 * picocli (every command), and for {@code train} resolved with {@code --print-config} into the
 * validated {@link TrainConfig} the driver would run (no Spark, nothing trained). The ConfigMap the
 * driver mounts is written where the arguments expect it, as the operator would mount it.
 */
final class ChartCli {
  private ChartCli() {}

  static CommandLine commandLine(List<String> args, StringWriter out, StringWriter err) {
    Supplier<Object> never = () -> {
      throw new AssertionError("the chart test runs no Spark job");
    };
    Runners runners = new Runners(() -> (io.mixmo.driver.run.TrainingRunner) never.get(),
        () -> (io.mixmo.driver.run.EvaluationRunner) never.get(), () -> (io.mixmo.driver.run.PredictionRunner) never.get());
    return MixmoCommand.commandLine(runners, new Configuration(), args, new PrintWriter(out, true),
        new PrintWriter(err, true));
  }

  /** The parse of {@code args}: the subcommand's parse result (a ParameterException if they do not parse). */
  static CommandLine.ParseResult parse(List<String> args) {
    CommandLine.ParseResult root = commandLine(args, new StringWriter(), new StringWriter())
        .parseArgs(args.toArray(String[]::new));
    assertThat(root.hasSubcommand()).as("a subcommand in " + args).isTrue();
    return root.subcommand();
  }

  /**
   * The configuration {@code train} resolves from {@code app}'s arguments: the ConfigMap named by the
   * driver's {@code configMaps} is written to {@code dir} and the {@code --config} argument pointed at it.
   */
  static TrainConfig resolveTrain(RenderedChart chart, JsonNode app, Path dir) throws IOException {
    List<String> args = new ArrayList<>(RenderedChart.arguments(app));
    int config = args.indexOf("--config");
    if (config >= 0) {
      JsonNode mount = RenderedChart.sparkSpec(app).at("/driver/configMaps/0");
      assertThat(args.get(config + 1)).isEqualTo("file://" + mount.path("path").asText() + "/config.yaml");
      JsonNode configMap = chart.named(mount.path("name").asText()).orElseThrow(
          () -> new AssertionError("the driver mounts ConfigMap " + mount + ", which the chart does not render"));
      Path file = dir.resolve("config.yaml");
      Files.writeString(file, configMap.at("/data/config.yaml").asText());
      args.set(config + 1, file.toUri().toString());
    }
    args.add("--print-config");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = commandLine(args, out, err).execute(args.toArray(String[]::new));
    assertThat(code).as("mixmo " + args + "\n" + err).isZero();
    return TrainConfigYaml.read(out.toString(), "--print-config of " + app.at("/metadata/name").asText());
  }
}

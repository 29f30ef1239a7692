package io.mixmo.driver.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code mixmo predict --images} on the committed sample's 500 test JPEGs unpacked into a folder
 * ({@code class/file.jpg}, plus a corrupt JPEG and a text file), with a trained model: the file
 * predictions must agree with the ingested dataset's, image for image in number correct. Used by
 * {@link QuickstartEndToEndTest}, which trains the model.
 */
final class ImageFolderPredictions {
  private final Path tmp;
  private final Path runDir;

  ImageFolderPredictions(Path tmp, Path runDir) {
    this.tmp = tmp;
    this.runDir = runDir;
  }

  /** @param datasetCorrect test images the model gets right, from its predictions on the ingested dataset */
  void check(long datasetCorrect) throws IOException {
    Path images = SampleImages.unpackTestSplit(tmp.resolve("images"));
    Files.write(images.resolve("broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
    Files.writeString(images.resolve("notes.txt"), "not an image");

    Cli failing = new Cli();
    assertThat(failing.run(args(images, tmp.resolve("refused"), "csv").toArray(String[]::new)))
        .as(failing.output()).isEqualTo(3);
    assertThat(failing.err.toString()).contains("broken.jpg").contains("--on-bad-record skip");
    assertThat(tmp.resolve("refused")).doesNotExist();

    Cli cli = new Cli();
    Path out = tmp.resolve("folder-predictions");
    List<String> args = args(images, out, "csv");
    args.addAll(List.of("--on-bad-record", "skip"));
    EngineVsGraph.Counts before = EngineVsGraph.Counts.now();
    assertThat(cli.run(args.toArray(String[]::new))).as(cli.output()).isZero();
    // on the engine, every batch at the planned 100 (the batches cut short by the broken file padded to it)
    before.ranOnTheEngineOnlyAt(100);
    assertThat(cli.out.toString()).contains("500 predictions written").contains("1 files could not be used");
    List<String> lines = csvLines(out);
    assertThat(lines).hasSize(501);
    assertThat(lines.stream().map(l -> l.substring(0, l.indexOf(',')))).isSorted();
    // the unreadable file: its path, no prediction (empty fields), the reason in the error column
    assertThat(lines).filteredOn(l -> l.contains("/broken.jpg,")).singleElement().satisfies(l -> assertThat(l)
        .contains("/broken.jpg,,,,,,").contains("undecodable"));
    List<String[]> rows = lines.stream().filter(l -> !l.contains("/broken.jpg,")).map(l -> l.split(",", -1)).toList();
    long correct = rows.stream()
        .peek(r -> assertThat(r).as("columns of %s", r[0]).hasSize(7).endsWith(""))
        .filter(r -> Path.of(r[0]).getParent().getFileName().toString().equals(r[2])).count();
    // same pixels (same decoder), same normalisation (the model's), same model: same predictions
    assertThat(correct).isEqualTo(datasetCorrect);
  }

  private List<String> args(Path images, Path out, String format) {
    List<String> args = new ArrayList<>(List.of("predict", "--model", runDir.toString(), "--images",
        images.toString(), "--output", out.toString(), "--format", format));
    args.addAll(Cli.SPARK);
    return args;
  }

  /** Data lines of the CSV part files in part order (header dropped). */
  private static List<String> csvLines(Path out) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(out)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
        Files.readAllLines(f).stream().filter(l -> !l.startsWith("path,")).forEach(lines::add);
      }
    }
    return lines;
  }
}

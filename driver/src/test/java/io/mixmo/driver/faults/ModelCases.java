package io.mixmo.driver.faults;

import static io.mixmo.driver.faults.FaultCases.failsCleanly;
import static io.mixmo.driver.faults.FaultCases.train;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mixmo.driver.faults.FaultCases.Case;
import io.mixmo.driver.faults.Launcher.Run;
import io.mixmo.driver.guard.ModelZips;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The cases of hostile model files, deletions of what is not ours, and memory bombs (rows 27–36 of the
 * table; issue "hardening 2", groups 1–3). Every model case starts from the finished run's model.zip.
 */
final class ModelCases {
  private static final String EVALUATE = "mixmo evaluate: input data error: ";
  private static final String PREDICT = "mixmo predict: input data error: ";
  private static final String DATASETS = "error: bad input: ";

  private ModelCases() {}

  static List<Case> of(FaultCases f) {
    return List.of(
        new Case(27, "a model.zip with a Java-serialized preprocessor.bin (a String; a 27-byte int[0x7FFFFFF0])",
            "evaluate --model; predict --model; train --init-from", "3", "the model file and preprocessor.bin",
            "no --output, no run directory (nothing deserialized)", () -> serializedEntry(f, 27)),
        new Case(28, "a model.zip of a few MB with three 1.5 GB zero entries; a coefficients.bin of 1 GiB + 1 byte",
            "evaluate --model", "3", "the model file and the entries; the entry and its byte limit", "nothing",
            () -> zipBombs(f, 28)),
        new Case(29, "a coefficients.bin declaring 2^34 floats in 251 KB", "evaluate --model", "3",
            "the model file and coefficients.bin", "no hs_err file (no crash)", () -> hugeCoefficients(f, 29)),
        new Case(30, "mixmo-model.json naming 2 classes of a 10-class graph; images of 3x100000x100000",
            "evaluate --model; predict --images --resize", "3", "the model file and mixmo-model.json", "no --output",
            () -> lyingMetadata(f, 30)),
        new Case(31, "--output naming a directory", "evaluate --output", "2", "--output and that it is a directory",
            "the directory, untouched", () -> outputDirectory(f, 31)),
        new Case(32, "--overwrite on a folder that is not a dataset", "datasets ingest --overwrite", "2",
            "the folder and its files", "the files, untouched", () -> overwriteNonDataset(f, 32)),
        new Case(33, "a 74-byte PNG declaring 20000x20000 pixels", "datasets ingest; predict --images", "3",
            "the file and the pixel limit", "no --out, no --output", () -> pixelBomb(f, 33)),
        new Case(34, "a .tar.gz of a few MB holding a 3 GB image entry", "datasets ingest", "3",
            "the entry and the byte limit", "no --out", () -> archiveBomb(f, 34)),
        new Case(35, "an 80-byte IDX file declaring 65536x65536 images", "datasets ingest", "3",
            "the file and the pixel limit", "no --out", () -> idxBomb(f, 35)),
        new Case(36, "manifest.json listing 100,000 classes", "train", "3", "manifest.json and the class limit",
            "no run directory", () -> tooManyClasses(f, 36)));
  }

  private static Map<String, byte[]> goodEntries(FaultCases f) throws Exception {
    return ModelZips.entries(f.finished.resolve("model.zip"));
  }

  private static Path model(FaultCases f, int n, String name, Map<String, byte[]> replaced) throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>(goodEntries(f));
    entries.putAll(replaced);
    return ModelZips.write(f.caseDir(n).resolve(name), entries);
  }

  private static Run evaluate(FaultCases f, Path model, String... extra) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("evaluate", "--model", model.toString(), "--dataset",
        f.sample.toString(), "--master", "local[2]"));
    args.addAll(List.of(extra));
    return f.mixmo().run(args.toArray(String[]::new));
  }

  private static void serializedEntry(FaultCases f, int n) throws Exception {
    Path string = model(f, n, "string.zip", Map.of("preprocessor.bin", ModelZips.serialized("not a preprocessor")));
    Run eval = evaluate(f, string);
    failsCleanly(eval, 3, EVALUATE, string.toString(), "preprocessor.bin", "never writes");
    assertThat(eval.all()).doesNotContain("cannot be cast");
    Path array = model(f, n, "array.zip", Map.of("preprocessor.bin", ModelZips.hugeIntArray()));
    Path output = f.caseDir(n).resolve("predictions");
    Run predict = f.mixmo().run("predict", "--model", array.toString(), "--images", f.images.toString(), "--output",
        output.toString(), "--master", "local[2]");
    failsCleanly(predict, 3, PREDICT, array.toString(), "preprocessor.bin");
    assertThat(predict.all()).doesNotContain("OutOfMemoryError");
    assertThat(output).doesNotExist();
    Path run = f.caseDir(n).resolve("run");
    Run warm = f.mixmo().run(train(f.sample, run.toString(), "--init-from", array.toString()));
    failsCleanly(warm, 3, "mixmo train: input data error: ", array.toString(), "preprocessor.bin");
    assertThat(run).doesNotExist();
  }

  private static void zipBombs(FaultCases f, int n) throws Exception {
    Path zeros = ModelZips.withZeroEntries(f.caseDir(n).resolve("zeros.zip"), goodEntries(f), "zeros", 3, 1_500_000_000L);
    assertThat(Files.size(zeros)).isLessThan(16L << 20);
    failsCleanly(evaluate(f, zeros), 3, EVALUATE, zeros.toString(), "zeros0");
    Path big = ModelZips.withZeroEntries(f.caseDir(n).resolve("big.zip"),
        Map.of("configuration.json", goodEntries(f).get("configuration.json")), "coefficients.bin", 1,
        (1L << 30) + 1);
    failsCleanly(evaluate(f, big), 3, EVALUATE, big.toString(), "entry coefficients.bin is larger than the 1073741824");
  }

  private static void hugeCoefficients(FaultCases f, int n) throws Exception {
    Path huge = model(f, n, "huge.zip", Map.of("coefficients.bin", ModelZips.floatArray(1L << 34, 251_000)));
    Run r = evaluate(f, huge);
    failsCleanly(r, 3, EVALUATE, huge.toString(), "coefficients.bin", "17179869184");
    try (Stream<Path> files = Files.list(Launcher.PROJECT.resolve("driver"))) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("hs_err"));
    }
  }

  private static byte[] metadata(FaultCases f, String from, String to) throws Exception {
    String json = new String(goodEntries(f).get("mixmo-model.json"), StandardCharsets.UTF_8);
    assertThat(json).contains(from);
    return json.replace(from, to).getBytes(StandardCharsets.UTF_8);
  }

  private static void lyingMetadata(FaultCases f, int n) throws Exception {
    ObjectNode meta = (ObjectNode) Damage.JSON.readTree(goodEntries(f).get("mixmo-model.json"));
    ArrayNode two = Damage.JSON.createArrayNode().add("x").add("y");
    meta.set("classes", two);
    Path classes = model(f, n, "classes.zip", Map.of("mixmo-model.json", Damage.JSON.writeValueAsBytes(meta)));
    failsCleanly(evaluate(f, classes), 3, EVALUATE, classes.toString(), "mixmo-model.json",
        "names 2 classes but the graph's logits have 10");
    ObjectNode shape = (ObjectNode) Damage.JSON.readTree(goodEntries(f).get("mixmo-model.json"));
    ((ObjectNode) shape.get("shape")).put("height", 100000).put("width", 100000);
    Path huge = model(f, n, "shape.zip", Map.of("mixmo-model.json", Damage.JSON.writeValueAsBytes(shape)));
    Path output = f.caseDir(n).resolve("predictions");
    Run r = f.mixmo().run("predict", "--model", huge.toString(), "--images", f.images.toString(), "--resize",
        "--output", output.toString(), "--master", "local[2]");
    failsCleanly(r, 3, PREDICT, huge.toString(), "mixmo-model.json");
    assertThat(output).doesNotExist();
  }

  private static void outputDirectory(FaultCases f, int n) throws Exception {
    Path dir = Files.createDirectories(f.caseDir(n).resolve("reports"));
    Files.writeString(dir.resolve("old.json"), "keep");
    Run r = evaluate(f, f.finished, "--output", dir.toString());
    failsCleanly(r, 2, "mixmo evaluate: configuration error: ", "--output file:" + dir, "is a directory");
    assertThat(dir.resolve("old.json")).hasContent("keep");
  }

  private static void overwriteNonDataset(FaultCases f, int n) throws Exception {
    Path folder = f.caseDir(n).resolve("photos");
    Files.createDirectories(folder.resolve("2024"));
    Files.writeString(folder.resolve("2024/holiday.jpg"), "a photo");
    Files.writeString(folder.resolve("notes.txt"), "keep");
    Run r = f.mixmo().run("datasets", "ingest", "--source-format", "folder", "--source",
        Launcher.PROJECT.resolve("datasets/sample/cifar10-sample.tar.gz").toString(), "--out", folder.toString(),
        "--overwrite", "--master", "local[2]");
    failsCleanly(r, 2, "error: ", false, folder.toString(), "is not a dataset (no manifest.json", "2024/",
        "notes.txt");
    assertThat(folder.resolve("2024/holiday.jpg")).hasContent("a photo");
    assertThat(folder.resolve("notes.txt")).hasContent("keep");
  }

  private static void pixelBomb(FaultCases f, int n) throws Exception {
    byte[] png = Bombs.png(20000, 20000);
    assertThat(png).hasSize(74);
    Path folder = f.caseDir(n).resolve("folder");
    Files.createDirectories(folder.resolve("train/cat"));
    Files.createDirectories(folder.resolve("test/cat"));
    Files.copy(f.images.resolve("image-0.jpg"), folder.resolve("train/cat/a.jpg"));
    Files.copy(f.images.resolve("image-1.jpg"), folder.resolve("test/cat/b.jpg"));
    Files.write(folder.resolve("train/cat/huge.png"), png);
    Path out = f.caseDir(n).resolve("ingested");
    Run ingest = f.mixmo().run("datasets", "ingest", "--source-format", "folder", "--source", folder.toString(),
        "--out", out.toString(), "--master", "local[2]");
    failsCleanly(ingest, 3, DATASETS, false, "huge.png", "20000x20000", "pixel limit");
    assertThat(out).doesNotExist();
    Path images = Images.withFile(f.images, f.caseDir(n).resolve("images"), "huge.png", png);
    Path output = f.caseDir(n).resolve("predictions");
    Run predict = f.mixmo().run("predict", "--model", f.finished.toString(), "--images", images.toString(),
        "--output", output.toString(), "--master", "local[2]");
    failsCleanly(predict, 3, PREDICT, "huge.png", "pixel limit");
    assertThat(output).doesNotExist();
  }

  private static void archiveBomb(FaultCases f, int n) throws Exception {
    Path archive = Bombs.tarGzWithHugeEntry(f.caseDir(n).resolve("bomb.tar.gz"), Files.readAllBytes(
        f.images.resolve("image-0.jpg")), "train/cat/huge.jpg", 3_000_000_000L);
    assertThat(Files.size(archive)).isLessThan(16L << 20);
    Path out = f.caseDir(n).resolve("ingested");
    Run r = f.mixmo().run("datasets", "ingest", "--source-format", "folder", "--source", archive.toString(), "--out",
        out.toString(), "--master", "local[2]");
    failsCleanly(r, 3, DATASETS, false, "huge.jpg", "byte limit");
    assertThat(out).doesNotExist();
  }

  private static void idxBomb(FaultCases f, int n) throws Exception {
    Path dir = Files.createDirectories(f.caseDir(n).resolve("idx"));
    Path images = Files.write(dir.resolve("train-images-idx3-ubyte"), Bombs.idxImages(7, 65536, 65536, 80));
    assertThat(images).hasSize(80);
    Files.write(dir.resolve("train-labels-idx1-ubyte"), Bombs.idxLabels(7));
    Files.write(dir.resolve("t10k-images-idx3-ubyte"), Bombs.idxImages(1, 2, 2, 20));
    Files.write(dir.resolve("t10k-labels-idx1-ubyte"), Bombs.idxLabels(1));
    Path out = f.caseDir(n).resolve("ingested");
    Run r = f.mixmo().run("datasets", "ingest", "--source-format", "idx", "--source", dir.toString(), "--out",
        out.toString(), "--master", "local[2]");
    failsCleanly(r, 3, DATASETS, false, "train-images-idx3-ubyte", "65536x65536", "pixel limit");
    assertThat(out).doesNotExist();
  }

  private static void tooManyClasses(FaultCases f, int n) throws Exception {
    Path data = f.caseDataset(n);
    Damage.editManifest(data, m -> {
      ArrayNode classes = (ArrayNode) m.get("classes");
      int had = classes.size();
      for (int i = had; i < 100_000; i++) {
        classes.add("class-" + i);
      }
      m.get("counts").fields().forEachRemaining(split -> {
        ArrayNode perClass = (ArrayNode) split.getValue().get("perClass");
        for (int i = had; i < 100_000; i++) {
          perClass.add(0);
        }
      });
    });
    Path run = f.caseDir(n).resolve("run");
    Run r = f.mixmo().run(train(data, run.toString()));
    failsCleanly(r, 3, "mixmo train: input data error: ", "manifest.json", "100000 classes", "limit of 10000");
    assertThat(run).doesNotExist();
  }
}

package io.mixmo.driver.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.driver.run.ModelArchive;
import io.mixmo.driver.run.ModelMetadata;
import io.mixmo.worker.data.ImageShape;
import io.mixmo.worker.data.Normalization;
import io.mixmo.worker.net.MixMoNetworks;
import io.mixmo.worker.net.NetworkSpec;
import io.mixmo.worker.net.OptimizerConfig;
import java.io.ByteArrayInputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * The one reader of model.zip files: a model mixmo wrote reads back whole; anything else is refused
 * naming the file before DL4J or ND4J allocate or deserialize anything (issue "hardening 2", group 1
 * and the model bombs of group 3).
 */
class ModelZipReaderTest {
  private static final List<String> CLASSES = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
  @TempDir static Path temp;
  private static FileSystem local;
  private static ComputationGraph graph;
  private static Path good;
  private static Map<String, byte[]> entries;

  @BeforeAll
  static void model() throws Exception {
    local = FileSystem.getLocal(new Configuration());
    graph = MixMoNetworks.build(NetworkSpec.small(2, 10, new ImageShape(3, 32, 32)),
        new OptimizerConfig(new Nesterovs(0.1, 0.9), 0));
    good = temp.resolve("good.zip");
    ModelArchive.write(local, path(good), graph, true, metadata(2, CLASSES, new ImageShape(3, 32, 32)));
    entries = ModelZips.entries(good);
  }

  private static ModelMetadata metadata(int members, List<String> classes, ImageShape shape) {
    return ModelMetadata.of(members, classes, shape, Normalization.identity(shape.channels()), "file:/data");
  }

  private static org.apache.hadoop.fs.Path path(Path p) {
    return new org.apache.hadoop.fs.Path(p.toUri());
  }

  private static ModelArchive.Saved read(Path zip) throws Exception {
    return ModelArchive.read(local, path(zip));
  }

  private static Path with(String name, Map<String, byte[]> replaced) throws Exception {
    Map<String, byte[]> copy = new LinkedHashMap<>(entries);
    copy.putAll(replaced);
    return ModelZips.write(temp.resolve(name), copy);
  }

  @Test
  void aModelMixmoWroteReadsBackWithItsParametersUpdaterStateAndMetadata() throws Exception {
    assertThat(entries.keySet()).containsExactlyInAnyOrder("configuration.json", "coefficients.bin",
        "updaterState.bin", "mixmo-model.json");
    ModelArchive.Saved saved = read(good);
    assertThat(saved.graph().params()).isEqualTo(graph.params());
    assertThat(saved.graph().getUpdater().getStateViewArray()).isEqualTo(graph.getUpdater().getStateViewArray());
    assertThat(saved.metadata()).contains(metadata(2, CLASSES, new ImageShape(3, 32, 32)));
    assertThat(ModelZipReader.parameterCount(graph.getConfiguration(), "x")).isEqualTo(graph.numParams());
  }

  @Test
  void aJavaSerializedEntryIsRefusedByNameWithoutBeingRead() throws Exception {
    Path string = with("string.zip", Map.of("preprocessor.bin", ModelZips.serialized("not a preprocessor")));
    assertThatThrownBy(() -> read(string)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("model file:" + string).hasMessageContaining("preprocessor.bin")
        .hasMessageNotContaining("cannot be cast");
    Path array = with("array.zip", Map.of("preprocessor.bin", ModelZips.hugeIntArray()));
    assertThat(ModelZips.hugeIntArray()).hasSize(27);
    assertThatThrownBy(() -> read(array)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("preprocessor.bin").hasMessageContaining("never writes");
    Path normalizer = with("normalizer.zip", Map.of("normalizer.bin", new byte[] {1}));
    assertThatThrownBy(() -> read(normalizer)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("normalizer.bin");
  }

  @Test
  void theSerialFilterRefusesAHugeArrayBeforeAllocatingIt() throws Exception {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(ModelZips.hugeIntArray()))) {
      in.setObjectInputFilter(SerialFilter.filter());
      assertThatThrownBy(in::readObject).isInstanceOf(InvalidClassException.class)
          .hasMessageContaining("REJECTED");
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(ModelZips.serialized(new int[] {1, 2})))) {
      in.setObjectInputFilter(SerialFilter.filter());
      assertThat(in.readObject()).isEqualTo(new int[] {1, 2});
    }
    assertThat(SerialFilter.PATTERN).doesNotContain(" ");
  }

  @Test
  void aCoefficientsHeaderDeclaringMoreThanTheConfigurationIsRefusedBeforeAllocation() throws Exception {
    Path huge = with("huge.zip", Map.of("coefficients.bin", ModelZips.floatArray(1L << 34, 251_000)));
    assertThatThrownBy(() -> read(huge)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("model file:" + huge).hasMessageContaining("coefficients.bin")
        .hasMessageContaining("cut short");
    long params = graph.numParams();
    Path other = with("other.zip", Map.of("coefficients.bin", ModelZips.floatArray(params - 1, 4 * (int) (params - 1))));
    assertThatThrownBy(() -> read(other)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("holds " + (params - 1) + " parameters").hasMessageContaining(params + "");
    Path trailing = with("trailing.zip", Map.of("coefficients.bin", ModelZips.floatArray(params, 4 * (int) params + 1)));
    assertThatThrownBy(() -> read(trailing)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("bytes after");
    Path updater = with("updater.zip", Map.of("updaterState.bin", ModelZips.floatArray(3, 12)));
    assertThatThrownBy(() -> read(updater)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("updaterState.bin holds 3 values");
  }

  @Test
  void anEntryBeyondItsCapIsRefusedWhileStreamingNotByItsDeclaredSize() throws Exception {
    Path bomb = ModelZips.withZeroEntries(temp.resolve("bomb.zip"), Map.of("configuration.json",
        entries.get("configuration.json")), "coefficients.bin", 1, ModelZipReader.MAX_COEFFICIENTS + 1);
    assertThat(Files.size(bomb)).isLessThan(5L << 20);
    assertThatThrownBy(() -> read(bomb)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("entry coefficients.bin is larger than the " + ModelZipReader.MAX_COEFFICIENTS);
    Path many = ModelZips.withZeroEntries(temp.resolve("many.zip"), entries, "zeros", 3, 1L << 20);
    assertThatThrownBy(() -> read(many)).isInstanceOf(BadInputException.class).hasMessageContaining("zeros0");
  }

  @Test
  void metadataThatDoesNotDescribeTheGraphIsRefused() throws Exception {
    byte[][] cases = {
        json(metadata(2, List.of("x", "y"), new ImageShape(3, 32, 32))),
        json(metadata(3, CLASSES, new ImageShape(3, 32, 32))),
        json(metadata(2, CLASSES, new ImageShape(1, 32, 32))),
        json(metadata(2, CLASSES, new ImageShape(3, 10000, 10000))),
    };
    String[] messages = {"names 2 classes but the graph's logits have 10", "says 3 members but the graph has 2 heads",
        "the graph's encoder takes 3 channels", "pixel limit"};
    for (int i = 0; i < cases.length; i++) {
      Path zip = with("meta" + i + ".zip", Map.of("mixmo-model.json", cases[i]));
      assertThatThrownBy(() -> read(zip)).as(messages[i]).isInstanceOf(BadInputException.class)
          .hasMessageContaining("model file:" + zip).hasMessageContaining("mixmo-model.json")
          .hasMessageContaining(messages[i]);
    }
    String overflowing = new String(json(metadata(2, CLASSES, new ImageShape(3, 32, 32))), StandardCharsets.UTF_8)
        .replace("\"height\" : 32", "\"height\" : 100000").replace("\"width\" : 32", "\"width\" : 100000");
    assertThat(overflowing).contains("100000");
    Path zip = with("overflow.zip", Map.of("mixmo-model.json", overflowing.getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> read(zip)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("mixmo-model.json").hasMessageContaining("2^31 - 1");
  }

  @Test
  void temporaryCopiesArePrivateAndRemovedWhetherTheModelIsGoodOrNot() throws Exception {
    Path copy = PrivateTempFiles.create("mixmo-test-", ".zip");
    try {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-------");
    } finally {
      Files.delete(copy);
    }
    List<Path> before = copies();
    read(good);
    Path bad = with("bad.zip", Map.of("preprocessor.bin", new byte[] {1}));
    assertThatThrownBy(() -> read(bad)).isInstanceOf(BadInputException.class);
    assertThat(copies()).isEqualTo(before);
  }

  private static List<Path> copies() throws Exception {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(p -> p.getFileName().toString().startsWith("mixmo-model-")).sorted().toList();
    }
  }

  private static byte[] json(ModelMetadata metadata) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(metadata);
  }
}

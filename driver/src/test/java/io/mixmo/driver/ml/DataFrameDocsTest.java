package io.mixmo.driver.ml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/dataframe-api.md stays true: its Java example is the runnable example's code (every code line
 * is a line of {@code ImageFolderPipeline.java}, which {@code MixMoPipelineTest} fits), and every
 * method its Scala example calls on the MixMo classes exists (the build compiles no Scala).
 */
class DataFrameDocsTest {
  /** Spark and Scala names the Scala example calls on other objects. */
  private static final Set<String> SPARK = Set.of("read", "format", "option", "load", "withColumn", "select", "show",
      "fit", "transform");

  private static Path repo() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("docs")) ? here : here.getParent();
  }

  private static List<String> block(String doc, String language) {
    List<String> lines = new ArrayList<>();
    boolean in = false;
    for (String line : doc.split("\n")) {
      if (!in && line.equals("```" + language)) {
        in = true;
      } else if (in && line.equals("```")) {
        return lines;
      } else if (in) {
        lines.add(line);
      }
    }
    throw new AssertionError("docs/dataframe-api.md has no ```" + language + " block");
  }

  @Test
  void theJavaExampleIsTheRunnableExamplesCode() throws Exception {
    String doc = Files.readString(repo().resolve("docs/dataframe-api.md"));
    Set<String> source = new TreeSet<>();
    for (String line : Files.readAllLines(repo().resolve(
        "driver/src/main/java/io/mixmo/driver/ml/examples/ImageFolderPipeline.java"))) {
      source.add(line.trim());
    }
    List<String> code = block(doc, "java").stream().map(String::trim)
        .filter(l -> !l.isEmpty() && !l.startsWith("//")).toList();
    assertThat(code).hasSizeGreaterThan(10);
    assertThat(code).allSatisfy(l -> assertThat(source).as("a line of ImageFolderPipeline.java").contains(l));
  }

  @Test
  void theScalaExampleCallsOnlyMethodsThatExist() throws Exception {
    String doc = Files.readString(repo().resolve("docs/dataframe-api.md"));
    Set<String> methods = new TreeSet<>();
    for (Class<?> c : List.of(MixMoClassifier.class, MixMoClassificationModel.class, MixMoTrainingSummary.class)) {
      Arrays.stream(c.getMethods()).forEach(m -> methods.add(m.getName()));
    }
    Matcher call = Pattern.compile("\\.([A-Za-z]\\w*)").matcher(String.join("\n", block(doc, "scala"))
        .replaceAll("\"[^\"]*\"", "\"\"").replaceAll("//.*", ""));
    List<String> called = new ArrayList<>();
    while (call.find()) {
      called.add(call.group(1));
    }
    assertThat(called).contains("setImageCol", "setWorkers", "numClasses", "summary", "accuracy", "runDir");
    assertThat(called).allSatisfy(m -> assertThat(SPARK.contains(m) || methods.contains(m)).as(m).isTrue());
  }
}

package io.mixmo.driver.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ObjectInputFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The serialization filter is the same in every place that starts a JVM, and installs once. */
class SerialFilterTest {
  @Test
  void everyDeployConfPassesTheFilterToTheDriverAndTheExecutors() throws Exception {
    Path conf = Path.of("").toAbsolutePath().getParent().resolve("deploy/conf");
    List<Path> files;
    try (Stream<Path> list = Files.list(conf)) {
      files = list.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      List<String> options = Files.readAllLines(file).stream()
          .filter(l -> l.startsWith("spark.driver.extraJavaOptions") || l.startsWith("spark.executor.extraJavaOptions"))
          .toList();
      assertThat(options).as(file.toString()).hasSize(2)
          .allMatch(l -> List.of(l.split("\\s+")).contains(SerialFilter.javaOption()));
    }
  }

  @Test
  void installSetsTheJvmWideFilterOnlyWhenThereIsNone() {
    assertThat(SerialFilter.install()).isTrue();
    ObjectInputFilter installed = ObjectInputFilter.Config.getSerialFilter();
    assertThat(SerialFilter.install()).isTrue();
    assertThat(ObjectInputFilter.Config.getSerialFilter()).isSameAs(installed);
  }
}

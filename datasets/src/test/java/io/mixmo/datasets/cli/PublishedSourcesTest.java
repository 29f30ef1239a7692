package io.mixmo.datasets.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.datasets.source.ImageSource;
import io.mixmo.datasets.source.cifar.CifarSource;
import io.mixmo.datasets.source.idx.IdxSource;
import io.mixmo.datasets.source.parquet.ParquetTableSource;
import io.mixmo.datasets.source.tiny.TinyImageNetSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The published formats are registered under their names and their --source-option values are checked. */
class PublishedSourcesTest {
  @Test
  void formatsAreRegisteredAndOptionsApplied() {
    assertThat(Sources.names()).contains("cifar10", "cifar100", "tiny-imagenet", "idx", "parquet");
    ImageSource coarse = Sources.create("cifar100", "file:/d", Map.of("labels", "coarse"));
    assertThat(coarse).isInstanceOf(CifarSource.class).hasToString("cifar100 binary (coarse labels) at file:/d");
    assertThat(Sources.create("tiny-imagenet", "file:/t", Map.of())).isInstanceOf(TinyImageNetSource.class);
    assertThat(Sources.create("idx", "file:/i", Map.of("classes", "fashion-mnist"))).isInstanceOf(IdxSource.class)
        .hasToString("fashion-mnist IDX files at file:/i");
    ImageSource parquet = Sources.create("parquet", "file:/p",
        Map.of("shape", "3x32x32", "classes", "10", "encoding", "raw", "splits", "train,val"));
    assertThat(parquet).isInstanceOf(ParquetTableSource.class).hasToString(
        "parquet tables {train=file:/p/train, val=file:/p/val} (image column image, raw, label column label)");
  }

  @Test
  void badOptionsNameTheKeyAndValue() {
    assertThatThrownBy(() -> Sources.create("cifar100", "file:/d", Map.of("labels", "medium")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("--source-option labels must be fine or coarse, found 'medium'");
    assertThatThrownBy(() -> Sources.create("cifar10", "file:/d", Map.of("labels", "fine")))
        .hasMessage("--source-option: format 'cifar10' takes no options, found 'labels'");
    assertThatThrownBy(() -> Sources.create("parquet", "file:/p", Map.of("classes", "3")))
        .hasMessage("--source-option shape is required (CxHxW, e.g. 3x32x32)");
    assertThatThrownBy(() -> Sources.create("parquet", "file:/p", Map.of("classes", "3", "shape", "3x32")))
        .hasMessage("--source-option shape must be CxHxW, found '3x32'");
    assertThatThrownBy(() -> Sources.create("tiny-imagenet", "file:/t", Map.of("size", "big")))
        .hasMessage("--source-option size must be an integer, found 'big'");
  }
}

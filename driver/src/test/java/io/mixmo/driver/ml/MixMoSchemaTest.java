package io.mixmo.driver.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.driver.config.ConfigException;
import org.apache.spark.ml.image.ImageSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** What fit and transform refuse before any Spark work, and how the training params resolve (no Spark needed). */
class MixMoSchemaTest {
  private static StructType schema(Object... nameAndType) {
    StructType s = new StructType();
    for (int i = 0; i < nameAndType.length; i += 2) {
      s = s.add((String) nameAndType[i], (org.apache.spark.sql.types.DataType) nameAndType[i + 1]);
    }
    return s;
  }

  @Test
  void aMissingOrMistypedImageColumnIsNamedWithTheTypeFound() {
    MixMoClassifier mixmo = new MixMoClassifier();
    assertThatThrownBy(() -> mixmo.transformSchema(schema("label", DataTypes.DoubleType)))
        .isInstanceOf(ConfigException.class).hasMessage("imageCol 'image' is not a column of the input: its columns"
            + " are [label]");
    assertThatThrownBy(() -> mixmo.transformSchema(schema("image", DataTypes.StringType, "label", DataTypes.DoubleType)))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("imageCol 'image' must be Spark's image struct"
            + " struct<origin:string,height:int,width:int,nChannels:int,mode:int,data:binary> or binary")
        .hasMessageEndingWith("found string");
    StructType longHeight = schema("origin", DataTypes.StringType, "height", DataTypes.LongType, "width",
        DataTypes.IntegerType, "nChannels", DataTypes.IntegerType, "mode", DataTypes.IntegerType, "data",
        DataTypes.BinaryType);
    assertThatThrownBy(() -> mixmo.transformSchema(schema("image", longHeight, "label", DataTypes.DoubleType)))
        .isInstanceOf(ConfigException.class).hasMessageEndingWith("found struct<origin:string,height:bigint,width:int,"
            + "nChannels:int,mode:int,data:binary>");
    assertThatThrownBy(() -> new MixMoClassifier().setImageFormat("struct")
        .transformSchema(schema("image", DataTypes.BinaryType, "label", DataTypes.DoubleType)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("(imageFormat struct)").hasMessageEndingWith("found binary");
  }

  @Test
  void theImageSourcesStructAndBinaryColumnsAreAccepted() {
    StructType out = new MixMoClassifier().transformSchema(schema("image", ImageSchema.columnSchema(), "label",
        DataTypes.StringType));
    assertThat(out.fieldNames()).containsExactly("image", "label", "prediction", "probability", "rawPrediction",
        "memberPredictions");
    StructType bytes = new MixMoClassifier().setImageCol("content").setRawPredictionCol("")
        .transformSchema(schema("path", DataTypes.StringType, "content", DataTypes.BinaryType, "label",
            DataTypes.IntegerType));
    assertThat(bytes.fieldNames()).containsExactly("path", "content", "label", "prediction", "probability",
        "memberPredictions");
  }

  @Test
  void aLabelColumnThatIsNeitherNumericNorStringIsRefused() {
    assertThatThrownBy(() -> new MixMoClassifier().transformSchema(schema("image", DataTypes.BinaryType, "label",
        DataTypes.BooleanType))).isInstanceOf(ConfigException.class).hasMessage("labelCol 'label' must be numeric"
            + " (class indices, e.g. StringIndexer's output) or string (class names), found boolean");
  }

  @Test
  void rawPixelsNeedAShapeAndOutputsMustNotExist() {
    StructType raw = schema("pixels", DataTypes.BinaryType, "label", DataTypes.DoubleType);
    assertThatThrownBy(() -> new MixMoClassifier().setImageCol("pixels").setImageFormat("raw").transformSchema(raw))
        .isInstanceOf(ConfigException.class).hasMessageContaining("imageFormat raw needs imageShape")
        .hasMessageContaining("'pixels'");
    assertThat(new MixMoClassifier().setImageCol("pixels").setImageFormat("raw").setImageShape(3, 8, 8)
        .transformSchema(raw).fieldNames()).contains("prediction");
    assertThatThrownBy(() -> new MixMoClassifier().transformSchema(schema("image", DataTypes.BinaryType, "label",
        DataTypes.DoubleType, "prediction", DataTypes.DoubleType))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("output column 'prediction' already exists in the input");
    assertThatThrownBy(() -> new MixMoClassifier().setImageShape(2, 8, 8)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("imageShape");
    assertThatThrownBy(() -> new MixMoClassifier().setImageFormat("jpeg")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("imageFormat");
  }

  @Test
  void typedParamsOverrideTheConfigWhichOverridesThePreset() {
    MixMoClassifier mixmo = new MixMoClassifier().setPreset("quickstart")
        .setConfig("optimisation:\n  batch-size: 48\n  lr: 0.02\n").setEpochs(3);
    assertThat(mixmo.getEpochs()).isEqualTo(3);          // typed param
    assertThat(mixmo.getBatchSize()).isEqualTo(48);      // config over the preset's 32
    assertThat(mixmo.getLearningRate()).isEqualTo(0.02);
    assertThat(mixmo.getWorkers()).isEqualTo(2);         // the preset's
    assertThat(new MixMoClassifier().getEpochs()).isEqualTo(5);    // the default preset: quickstart's
    assertThat(new MixMoClassifier().getBackbone()).isEqualTo("small");
    assertThat(new MixMoClassifier().setPreset("").getEpochs()).isEqualTo(300);  // built-in defaults, as mixmo train's
    assertThatThrownBy(() -> new MixMoClassifier().setConfig("optimisation:\n  epoch: 3\n").getEpochs())
        .isInstanceOf(ConfigException.class).hasMessageContaining("optimisation.epoch")
        .hasMessageContaining("MixMoClassifier config");
    assertThatThrownBy(() -> new MixMoClassifier().setBatchSize(31).setPreset("quickstart").resolvedConfig())
        .isInstanceOf(ConfigException.class).hasMessageContaining("optimisation.batch-size");
  }

  @Test
  void copyKeepsTheParamsAndTheUid() {
    MixMoClassifier mixmo = new MixMoClassifier().setEpochs(2).setLabelCol("y");
    MixMoClassifier copy = mixmo.copy(new org.apache.spark.ml.param.ParamMap().put(mixmo.epochs(), 5));
    assertThat(copy.uid()).isEqualTo(mixmo.uid());
    assertThat(copy.getEpochs()).isEqualTo(5);
    assertThat(copy.getOrDefault(copy.labelCol())).isEqualTo("y");
    assertThat(mixmo.getEpochs()).isEqualTo(2);
  }

  @Test
  void aSparkConnectSessionIsRefusedSayingWhy() {
    assertThatThrownBy(() -> ClassicSessions.context(() -> {
      throw new UnsupportedOperationException("[UNSUPPORTED_CONNECT_FEATURE.SESSION_SPARK_CONTEXT]");
    }, "org.apache.spark.sql.connect.SparkSession", "MixMoClassifier.fit"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("MixMoClassifier.fit needs a classic Spark session")
        .hasMessageContaining("org.apache.spark.sql.connect.SparkSession, a Spark Connect client session")
        .hasMessageContaining("spark-submit");
  }
}

package io.mixmo.driver.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.image.ImageSchema;
import org.apache.spark.ml.param.Param;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The params as generic Spark ML code sees them, thresholds, fit names and failures (no Spark job). */
class MixMoParamsTest {

  private static List<String> names(org.apache.spark.ml.param.Params p) {
    return Arrays.stream(p.params()).map(Param::name).toList();
  }

  @Test
  void theStandardSharedParamsAreThereWithTheirGetters() {
    MixMoClassifier mixmo = new MixMoClassifier();
    assertThat(names(mixmo)).contains("labelCol", "predictionCol", "probabilityCol", "rawPredictionCol",
        "thresholds", "imageCol", "preset", "epochs", "runDir");
    // generic code finds them by name, owned by the stage, with Spark's defaults
    assertThat(mixmo.getParam("labelCol").parent()).isEqualTo(mixmo.uid());
    assertThat(mixmo.getLabelCol()).isEqualTo("label");
    assertThat(mixmo.getPredictionCol()).isEqualTo("prediction");
    assertThat(mixmo.getProbabilityCol()).isEqualTo("probability");
    assertThat(mixmo.getRawPredictionCol()).isEqualTo("rawPrediction");
    assertThat(mixmo.getImageCol()).isEqualTo("image");
    assertThat(mixmo.getImageShape()).isNull();
    assertThat(mixmo.getThresholds()).isNull();
    assertThat(mixmo.getPreset()).isEqualTo("quickstart");
    assertThat(mixmo.getValidationFraction()).isZero();
    assertThat(mixmo.getRunDir()).isEmpty();
    MixMoClassifier set = mixmo.setLabelCol("y").setPredictionCol("p").setImageShape(3, 32, 32)
        .setThresholds(new double[] {1, 2});
    assertThat(set).isSameAs(mixmo);
    assertThat(mixmo.getLabelCol()).isEqualTo("y");
    assertThat(mixmo.getImageShape()).containsExactly(3, 32, 32);
    assertThat(mixmo.getThresholds()).containsExactly(1, 2);
    // a copy holds its own params with the same values
    MixMoClassifier copy = mixmo.copy(new org.apache.spark.ml.param.ParamMap());
    assertThat(copy.labelCol()).isNotSameAs(mixmo.labelCol());
    assertThat(copy.getLabelCol()).isEqualTo("y");
  }

  @Test
  void explainParamsShowsResolvedValuesAndRealDocs() {
    String text = new MixMoClassifier().setLearningRate(0.02).explainParams();
    assertThat(text).contains("epochs: passes over the training rows; config key optimisation.epochs (resolved: 5,"
        + " from the preset quickstart)");
    assertThat(text).contains("learningRate: peak learning rate of SGD (after warm-up); config key optimisation.lr"
        + " (current: 0.02)");
    assertThat(text).contains("backbone: the shared core network: small | wrn | preact-resnet18; config key"
        + " network.backbone (resolved: small");
    assertThat(text).doesNotContain("(undefined)\nepochs").contains("preset: a named preset");
    assertThat(text.lines().filter(l -> l.startsWith("workers:")).findFirst().orElseThrow()).contains("resolved: 2");
  }

  @Test
  void aBadPresetIsNamedInTheApisWords() {
    assertThatThrownBy(() -> new MixMoClassifier().setPreset("quickstrat"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("preset 'quickstrat' is not one of [")
        .hasMessageContaining("setPreset(\"quickstart\")").hasMessageNotContaining("--preset");
  }

  @Test
  void thresholdsFollowSparksRule() {
    double[] p = {0.2, 0.5, 0.3};
    assertThat(TransformFn.predict(p, null)).isEqualTo(1);
    assertThat(TransformFn.predict(p, new double[] {0.1, 1, 1})).isEqualTo(0);   // 2.0 > 0.5 > 0.3
    assertThat(TransformFn.predict(p, new double[] {1, 1, 0})).isEqualTo(2);     // a 0 threshold always wins
    assertThat(TransformFn.predict(p, new double[] {1, 1, 1})).isEqualTo(1);
    assertThatThrownBy(() -> new MixMoClassifier().setThresholds(new double[] {0, 0, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("thresholds");
    assertThatThrownBy(() -> new MixMoClassifier().setThresholds(new double[] {-1, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("thresholds");
  }

  @Test
  void theEstimatorsPredictionNamesTheClassesItsLabelAttributeNames() {
    StructType in = new StructType().add("image", ImageSchema.columnSchema())
        .add(NominalAttribute.defaultAttr().withName("label").withValues(new String[] {"cat", "dog"}).toStructField());
    StructType out = new MixMoClassifier().transformSchema(in);
    Attribute prediction = Attribute.fromStructField(out.apply("prediction"));
    assertThat(prediction).isInstanceOf(NominalAttribute.class);
    assertThat(((NominalAttribute) prediction).values().get()).containsExactly("cat", "dog");
    assertThat(out.apply("label").metadata()).isEqualTo(in.apply("label").metadata());
    StructType plain = new MixMoClassifier().transformSchema(new StructType().add("image", DataTypes.BinaryType)
        .add("label", DataTypes.StringType));
    assertThat(plain.apply("prediction").metadata().json()).isEqualTo("{}");
  }

  @Test
  void aFitsNameTellsTheParamMapByItsHash() {
    MixMoClassifier a = new MixMoClassifier().setEpochs(2).setRunDir("/x");
    MixMoClassifier b = new MixMoClassifier().setEpochs(2).setRunDir("/y").setOverwrite(true);
    MixMoClassifier c = new MixMoClassifier().setEpochs(3);
    String ha = FitWorkspace.hash(a.setParamsJson());
    assertThat(ha).hasSize(8).isEqualTo(FitWorkspace.hash(b.setParamsJson()));  // where files go is not hashed
    assertThat(ha).isNotEqualTo(FitWorkspace.hash(c.setParamsJson()));
  }

  @Test
  void theTellingCauseIsThrownNotTheJobWrapper() {
    IllegalArgumentException cause = new IllegalArgumentException("labelCol 'y' holds 7");
    Exception wrapped = new IllegalStateException("Job aborted", new RuntimeException("task failed", cause));
    RuntimeException out = FitFailures.unwrap(wrapped);
    assertThat(out).isSameAs(cause);
    assertThat(out.getSuppressed()).containsExactly(wrapped);
    RuntimeException cli = FitFailures.unwrap(new Exception("x", new java.io.IOException(
        "file:/w/fit-0001-ab/dataset already exists; pass --overwrite to replace it")));
    assertThat(cli).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("file:/w/fit-0001-ab/dataset already exists; setOverwrite(true) replaces it");
    assertThat(FitFailures.unwrap(new io.mixmo.driver.config.ConfigException("run.run-dir /r/fit-0001-ab is not"
        + " empty (x): pass --overwrite to replace it, --resume to continue it, or choose another --run-dir")))
        .hasMessageEndingWith("another application is writing fits under the same runDir at the same time: give"
            + " each its own runDir");
    Exception other = new Exception("boom");
    assertThat(FitFailures.unwrap(other)).isInstanceOf(IllegalStateException.class).hasCause(other);
  }
}

package io.mixmo.driver.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mixmo.driver.cli.MixmoCommand;
import io.mixmo.driver.config.TrainConfig;
import io.mixmo.driver.ml.examples.ImageFolderPipeline;
import io.mixmo.driver.run.RunDirectory;
import io.mixmo.driver.run.Runners;
import io.mixmo.driver.runner.SampleImages;
import io.mixmo.driver.orchestration.SparkRunners;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DataFrame API end to end on the committed sample's 500 test JPEGs (450 train, 50 validation):
 * the example's {@code StringIndexer → MixMoClassifier} pipeline fitted through Spark's own image
 * data source (the quickstart preset, 1 epoch, K = 2 in local[2]); its run directory is the one
 * {@code mixmo train} writes; the saved PipelineModel loads and predicts the same; its stage is a
 * {@code --model} for {@code mixmo predict}, which predicts the same files alike; and the same files
 * read by the binaryFile source train the same model, bit for bit.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MixMoPipelineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path tmp;
  private static Path images;
  private static PipelineModel fitted;
  private static Map<String, Prediction> predicted;

  /** One image's outputs, keyed by its path. */
  record Prediction(double prediction, double[] probability, double[] raw, double[] members) {}

  @BeforeAll
  static void fitThePipeline() throws Exception {
    images = SampleImages.unpackTestSplit(tmp.resolve("images"));
    fitted = ImageFolderPipeline.pipeline(1, tmp.resolve("run").toString(), tmp.resolve("work").toString())
        .fit(ImageFolderPipeline.images(spark(), images.toString()));
    predicted = predictions(fitted.transform(ImageFolderPipeline.images(spark(), images.toString())), "image.origin");
  }

  @AfterAll
  static void stop() {
    spark().stop();
  }

  /** The test's session (predict, run through the CLI, stops the one it finds): made again when stopped. */
  static SparkSession spark() {
    return SparkSession.builder().master("local[2]").appName("MixMoPipelineTest").config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4").getOrCreate();
  }

  @Test
  @Order(1)
  void fitWritesItsOwnRunDirectoryAsMixmoTrainWritesOneAndKeepsItsSummary() throws Exception {
    MixMoClassificationModel fittedModel = (MixMoClassificationModel) fitted.stages()[1];
    MixMoTrainingSummary summary = fittedModel.summary();
    Path run = Path.of(new org.apache.hadoop.fs.Path(summary.runDir()).toUri());
    assertThat(run.getParent()).isEqualTo(tmp.resolve("run"));
    assertThat(run.getFileName().toString()).matches("fit-0001-[0-9a-f]{8}");
    assertThat(summary.runKept()).isTrue();
    assertThat(summary.trainRows()).isEqualTo(450);
    assertThat(summary.validationRows()).isEqualTo(50);
    assertThat(summary.evaluatedOn()).isEqualTo("validation");
    assertThat(summary.totalEpochs()).isEqualTo(1);
    assertThat(summary.epochs().get(0)).containsKeys("loss", "learningRate", "examples", "wallSeconds", "validation");
    assertThat(summary.evaluation()).containsEntry("count", 50);
    assertThat(summary.accuracy()).isBetween(0.0, 1.0);
    for (String file : List.of(RunDirectory.CONFIG, RunDirectory.PROVENANCE, RunDirectory.METRICS, RunDirectory.MODEL,
        RunDirectory.EVALUATION, "report.html")) {
      assertThat(run.resolve(file)).as(file).isRegularFile();
    }
    TrainConfig config = RunDirectory.open(new Configuration(), run.toString()).readConfig();
    assertThat(config.data().dataset()).endsWith("work/" + run.getFileName() + "/dataset");
    assertThat(config.data().testSplit()).isEqualTo("validation");
    assertThat(config.optimisation().epochs()).isEqualTo(1);
    assertThat(config.network().backbone().name()).isEqualTo("SMALL"); // from the quickstart preset
    JsonNode evaluation = JSON.readTree(run.resolve(RunDirectory.EVALUATION).toFile());
    assertThat(evaluation.get("count").asLong()).isEqualTo(50);  // the 5 files per class ending in 9
    // 450 train images, K = 2, B = 16 with b = 2 (8 distinct): 28 steps per worker, k = 4: 7 rounds
    assertThat(Files.readAllLines(run.resolve(RunDirectory.METRICS)).stream()
        .filter(l -> l.contains("\"type\":\"round\"")).count()).isEqualTo(7);
    MixMoClassificationModel model = (MixMoClassificationModel) fitted.stages()[1];
    StringIndexerModel indexer = (StringIndexerModel) fitted.stages()[0];
    assertThat(model.classNames()).containsExactly(indexer.labelsArray()[0]);
    assertThat(model.inputShape()).containsExactly(3, 32, 32);
    assertThat(model.members()).isEqualTo(2);
    assertThat(model.modelZip()).isEqualTo(Files.readAllBytes(run.resolve(RunDirectory.MODEL)));
    assertThat(model.numClasses()).isEqualTo(10);
  }

  @Test
  @Order(2)
  void transformAddsTheEnsemblesColumnsForEveryImage() {
    assertThat(predicted).hasSize(500);
    for (Map.Entry<String, Prediction> e : predicted.entrySet()) {
      Prediction p = e.getValue();
      assertThat(p.probability()).hasSize(10);
      assertThat(java.util.Arrays.stream(p.probability()).sum()).as(e.getKey()).isCloseTo(1.0, within(1e-9));
      assertThat(p.prediction()).isEqualTo(argmax(p.probability())).isEqualTo(argmax(p.raw()));
      assertThat(p.members()).hasSize(2);
      assertThat(java.util.Arrays.stream(p.members()).allMatch(m -> m >= 0 && m <= 9 && m == Math.rint(m))).isTrue();
    }
    // an ensemble trained one epoch on 450 images: not one class for everything
    assertThat(predicted.values().stream().map(Prediction::prediction).distinct().count()).isGreaterThan(1);
  }

  @Test
  @Order(3)
  void aSavedPipelineModelLoadsAndPredictsTheSame() throws Exception {
    String saved = tmp.resolve("pipeline-model").toString();
    fitted.write().overwrite().save(saved);
    PipelineModel loaded = PipelineModel.load(saved);
    assertThat(loaded.stages()[1]).isInstanceOf(MixMoClassificationModel.class);
    assertThat(loaded.stages()[1].uid()).isEqualTo(fitted.stages()[1].uid());
    Map<String, Prediction> again = predictions(loaded.transform(ImageFolderPipeline.images(spark(),
        images.toString())), "image.origin");
    assertThat(again.keySet()).isEqualTo(predicted.keySet());
    again.forEach((path, p) -> assertThat(p).usingRecursiveComparison().as(path).isEqualTo(predicted.get(path)));
    // the stage holds the run's model.zip, byte for byte, and the summary survives
    MixMoClassificationModel before = (MixMoClassificationModel) fitted.stages()[1];
    MixMoClassificationModel after = (MixMoClassificationModel) loaded.stages()[1];
    assertThat(Files.readAllBytes(stageDir(saved).resolve(RunDirectory.MODEL))).isEqualTo(Files.readAllBytes(
        Path.of(new org.apache.hadoop.fs.Path(before.summary().runDir()).toUri()).resolve(RunDirectory.MODEL)));
    assertThat(after.hasSummary()).isTrue();
    assertThat(after.summary().toJson()).isEqualTo(before.summary().toJson());
  }

  @Test
  @Order(4)
  void theSameFilesThroughBinaryFileTrainTheSameModel() throws Exception {
    Dataset<Row> files = spark().read().format("binaryFile").option("recursiveFileLookup", "true")
        .option("pathGlobFilter", "*.jpg").load(images.toString())
        .withColumn("className", functions.regexp_extract(functions.col("path"), "/([^/]+)/[^/]+$", 1))
        .withColumn("isValidation", functions.col("path").rlike("9\\.jpg$"));
    Pipeline pipeline = ImageFolderPipeline.pipeline(1, tmp.resolve("run-binary").toString(),
        tmp.resolve("work-binary").toString());
    ((MixMoClassifier) pipeline.getStages()[1]).setImageCol("content");
    PipelineModel fromBytes = pipeline.fit(files);
    // same rows (ids: the files' paths), same decoding, same seeds: the same run, bit for bit
    assertThat(((MixMoClassificationModel) fromBytes.stages()[1]).classNames())
        .isEqualTo(((MixMoClassificationModel) fitted.stages()[1]).classNames());
    Map<String, Prediction> viaBytes = predictions(fromBytes.transform(files), "path");
    assertThat(viaBytes.keySet()).isEqualTo(predicted.keySet());
    viaBytes.forEach((path, p) -> assertThat(p).usingRecursiveComparison().as(path).isEqualTo(predicted.get(path)));
  }

  @Test
  @Order(5)
  void mixmoPredictOnTheSavedStagePredictsTheSameFilesAlike() throws Exception {
    Path stage = stageDir(tmp.resolve("pipeline-model").toString());
    Path out = tmp.resolve("cli-predictions");
    List<String> args = List.of("predict", "--model", stage.toString(), "--images", images.toString(), "--output",
        out.toString(), "--format", "csv", "--master", "local[2]", "--conf", "spark.ui.enabled=false",
        "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1");
    StringWriter console = new StringWriter();
    int code = MixmoCommand.commandLine(SparkRunners.all(), new Configuration(), args, new PrintWriter(console, true),
        new PrintWriter(console, true)).execute(args.toArray(String[]::new));
    assertThat(code).as(console.toString()).isZero();
    List<String[]> rows = csvRows(out);
    assertThat(rows).hasSize(500);
    for (String[] r : rows) {   // path, class, class name, probability, member0, member1, error
      Prediction p = predicted.get(FitRowDecoder.normalized(r[0]));
      assertThat(p).as(r[0]).isNotNull();
      assertThat(Double.parseDouble(r[1])).as(r[0]).isEqualTo(p.prediction());
      assertThat(Double.parseDouble(r[3])).as(r[0]).isCloseTo(p.probability()[(int) p.prediction()], within(1e-6));
      assertThat(new double[] {Double.parseDouble(r[4]), Double.parseDouble(r[5])}).as(r[0]).containsExactly(p.members());
    }
  }

  @Test
  @Order(6)
  void anUnfittedPipelineSavesAndLoadsWithItsParams() throws Exception {
    Pipeline pipeline = ImageFolderPipeline.pipeline(2, "hdfs:///runs/a", "hdfs:///work/a");
    MixMoClassifier before = (MixMoClassifier) pipeline.getStages()[1];
    before.setImageShape(3, 32, 32).setResize(true).setConfig("mixing:\n  alpha: 1.0\n");
    String path = tmp.resolve("pipeline").toString();
    pipeline.write().overwrite().session(spark()).save(path);
    MixMoClassifier after = (MixMoClassifier) Pipeline.load(path).getStages()[1];
    assertThat(after.uid()).isEqualTo(before.uid());
    assertThat(setParams(after)).isEqualTo(setParams(before)).containsKeys("epochs", "config", "imageShape", "runDir");
    assertThat(after.getRunDir()).isEqualTo("hdfs:///runs/a");
    assertThat(after.getEpochs()).isEqualTo(2);
    assertThat(after.resolvedConfig()).isEqualTo(before.resolvedConfig());
    assertThat(after.getOrDefault(after.imageShape())).containsExactly(3, 32, 32);
  }

  @Test
  @Order(7)
  void anImageOfAnotherSizeIsRefusedNamingItOrResized() {
    MixMoClassificationModel model = (MixMoClassificationModel) fitted.stages()[1];
    byte[] bgr = new byte[16 * 16 * 3];
    for (int i = 0; i < bgr.length; i++) {
      bgr[i] = (byte) (i * 31);
    }
    List<Row> rows = List.of(org.apache.spark.sql.RowFactory.create(org.apache.spark.sql.RowFactory.create(
        "file:/small/one.png", 16, 16, 3, 16, bgr)));
    Dataset<Row> small = spark().createDataFrame(rows, new org.apache.spark.sql.types.StructType()
        .add("image", org.apache.spark.ml.image.ImageSchema.columnSchema()));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.transform(small).collect())
        .hasMessageContaining("file:/small/one.png: image is 16x16 (height x width) but imageShape is 3x32x32")
        .hasMessageContaining("setResize(true)");
    MixMoClassificationModel resizing = model.copy(new org.apache.spark.ml.param.ParamMap()).setResize(true);
    assertThat(resizing.transform(small).select("prediction").collectAsList()).hasSize(1);
  }

  @Test
  @Order(8)
  void badInputIsRefusedBeforeAnyIngestNamingTheColumn() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      byte[] px = new byte[3 * 8 * 8];
      java.util.Arrays.fill(px, (byte) i);
      rows.add(org.apache.spark.sql.RowFactory.create("row" + i, px, i == 7 ? null : "c" + (i % 2), false, i % 2 + 0.0));
    }
    Dataset<Row> raw = spark().createDataFrame(rows, new org.apache.spark.sql.types.StructType().add("id", "string")
        .add("pixels", "binary").add("name", "string").add("held", "boolean").add("index", "double"));
    MixMoClassifier mixmo = new MixMoClassifier().setImageCol("pixels").setImageFormat("raw")
        .setImageShape(3, 8, 8).setLabelCol("name").setIdCol("id").setValidationIndicatorCol("held")
        .setWorkDir(tmp.resolve("bad-work").toString()).setRunDir(tmp.resolve("bad-run").toString()).setShards(1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> mixmo.fit(raw))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("labelCol 'name' is null in 1 of 20 rows");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> mixmo.fit(raw.limit(0)))
        .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("the DataFrame has no rows");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> mixmo.copy(new org.apache.spark.ml.param.ParamMap())
        .setLabelCol("index").fit(raw.withColumn("index", functions.when(functions.col("id").equalTo("row3"),
            -1.0).otherwise(functions.col("index")))))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("labelCol 'index' must hold class indices >= 0, found -1.0");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> mixmo.copy(new org.apache.spark.ml.param.ParamMap())
        .setLabelCol("index").fit(raw.withColumn("index", functions.col("index").plus(0.5))))
        .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 0.5");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> mixmo.setOnBadRecord("skip").fit(raw))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("validation split has no image (19 train, 0 validation rows)")
        .hasMessageContaining("validationIndicatorCol 'held'");
    // nothing was trained: the one fit that got as far as the ingest left no run behind
    assertThat(tmp.resolve("bad-run").toFile().list()).isNullOrEmpty();
  }

  @Test
  @Order(9)
  void transformKeepsMetadataAndItsSchemaIsTheOutputsSoIndexToStringNeedsNoLabels() {
    Dataset<Row> input = ImageFolderPipeline.images(spark(), images.toString());
    Dataset<Row> out = fitted.transform(input);
    MixMoClassificationModel mixmo = (MixMoClassificationModel) fitted.stages()[1];
    Dataset<Row> indexed = fitted.stages()[0].transform(input);
    // the MixMo stage: transformSchema is exactly what transform returns, metadata included
    assertThat(mixmo.transformSchema(indexed.schema())).isEqualTo(mixmo.transform(indexed).schema());
    assertThat(metadata(mixmo.transform(indexed).schema())).isEqualTo(metadata(mixmo.transformSchema(indexed.schema())));
    // the PipelineModel: the same, but for label, whose values Spark's StringIndexerModel.transformSchema omits
    StructType predicted = fitted.transformSchema(input.schema());
    assertThat(predicted.fieldNames()).containsExactly(out.schema().fieldNames());
    for (String column : List.of("prediction", "probability", "rawPrediction", "memberPredictions", "image")) {
      assertThat(predicted.apply(column)).as(column).isEqualTo(out.schema().apply(column));
      assertThat(predicted.apply(column).metadata().json()).as(column)
          .isEqualTo(out.schema().apply(column).metadata().json());
    }
    org.apache.spark.ml.feature.IndexToString toName = new org.apache.spark.ml.feature.IndexToString()
        .setInputCol("prediction").setOutputCol("predictedClass");
    StructType withNames = toName.transform(out).schema();
    assertThat(toName.transformSchema(predicted).fieldNames()).containsExactly(withNames.fieldNames());
    assertThat(toName.transformSchema(predicted).apply("predictedClass"))
        .isEqualTo(withNames.apply("predictedClass"));
    org.apache.spark.ml.attribute.Attribute label = org.apache.spark.ml.attribute.Attribute.fromStructField(
        out.schema().apply("label"));
    assertThat(((org.apache.spark.ml.attribute.NominalAttribute) label).values().get())
        .containsExactly(((StringIndexerModel) fitted.stages()[0]).labelsArray()[0]);
    Dataset<Row> named = new org.apache.spark.ml.feature.IndexToString().setInputCol("prediction")
        .setOutputCol("predictedClass").transform(new org.apache.spark.ml.feature.IndexToString().setInputCol("label")
            .setOutputCol("labelName").transform(out));
    for (Row r : named.select("className", "labelName", "predictedClass", "prediction").collectAsList()) {
      assertThat(r.getString(1)).isEqualTo(r.getString(0));
      MixMoClassificationModel model = (MixMoClassificationModel) fitted.stages()[1];
      assertThat(r.getString(2)).isEqualTo(model.classNames().get((int) r.getDouble(3)));
    }
  }

  @Test
  @Order(10)
  void thresholdsAndOneImagePredictionsFollowSparksClassifiers() {
    MixMoClassificationModel model = (MixMoClassificationModel) fitted.stages()[1];
    Row first = ImageFolderPipeline.images(spark(), images.toString()).orderBy("image.origin").first();
    Prediction p = predicted.get(FitRowDecoder.normalized(first.getStruct(0).getString(0)));
    // one image on the driver vs a batch of 100 on an executor: the same up to float rounding
    assertThat(model.predictProbability(first.getStruct(0)).toArray()).containsExactly(p.probability(), within(1e-6));
    assertThat(model.predict(first.getStruct(0))).isEqualTo(p.prediction());
    double[] zeroForThree = new double[10];
    java.util.Arrays.fill(zeroForThree, 1.0);
    zeroForThree[3] = 0.0;   // Spark's rule: a class whose threshold is 0 is always predicted
    MixMoClassificationModel three = model.copy(new org.apache.spark.ml.param.ParamMap()).setThresholds(zeroForThree);
    assertThat(three.transform(ImageFolderPipeline.images(spark(), images.toString())).select("prediction")
        .distinct().collectAsList()).extracting(r -> r.getDouble(0)).containsExactly(3.0);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.copy(new org.apache.spark.ml.param.ParamMap())
        .setThresholds(new double[] {1, 1}).transform(ImageFolderPipeline.images(spark(), images.toString())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("thresholds has 2 entries but the model"
            + " has 10 classes");
  }

  /** Each column's metadata as JSON, by name. */
  private static Map<String, String> metadata(StructType schema) {
    Map<String, String> out = new TreeMap<>();
    for (org.apache.spark.sql.types.StructField f : schema.fields()) {
      out.put(f.name(), f.metadata().json());
    }
    return out;
  }

  /** The params set on {@code p}, as their JSON encodings. */
  @SuppressWarnings("unchecked")
  static Map<String, String> setParams(org.apache.spark.ml.param.Params p) {
    Map<String, String> set = new TreeMap<>();
    for (org.apache.spark.ml.param.Param<?> param : p.params()) {
      if (p.isSet(param)) {
        set.put(param.name(), ((org.apache.spark.ml.param.Param<Object>) param).jsonEncode(p.getOrDefault(param)));
      }
    }
    return set;
  }

  static Path stageDir(String pipelineModel) throws Exception {
    try (Stream<Path> stages = Files.list(Path.of(pipelineModel, "stages"))) {
      return stages.filter(p -> p.getFileName().toString().startsWith("1_")).findFirst().orElseThrow();
    }
  }

  static Map<String, Prediction> predictions(Dataset<Row> transformed, String pathColumn) {
    Map<String, Prediction> out = new TreeMap<>();
    for (Row r : transformed.select(functions.col(pathColumn), functions.col("prediction"), functions.col("probability"),
        functions.col("rawPrediction"), functions.col("memberPredictions")).collectAsList()) {
      List<Double> members = r.getList(4);
      out.put(FitRowDecoder.normalized(r.getString(0)), new Prediction(r.getDouble(1), ((Vector) r.get(2)).toArray(), ((Vector) r.get(3)).toArray(),
          members.stream().mapToDouble(Double::doubleValue).toArray()));
    }
    return out;
  }

  private static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  /** The data rows of the CSV part files (header dropped), split on commas. */
  private static List<String[]> csvRows(Path dir) throws Exception {
    List<String[]> rows = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
        Files.readAllLines(f).stream().filter(l -> !l.startsWith("path,")).forEach(l -> rows.add(l.split(",", -1)));
      }
    }
    return rows;
  }
}

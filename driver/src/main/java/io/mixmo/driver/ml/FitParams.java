package io.mixmo.driver.ml;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;

/**
 * The params of {@link MixMoClassifier} about the fit's data and files (driver side): which rows
 * validate, row ids, bad records, the ingested dataset's shards, where runs and the ingested dataset
 * go. Training keys are {@link TrainingParams}'s; the columns shared with the model are
 * {@link MixMoSharedParams}'s.
 *
 * @param <S> the estimator, so that setters chain
 */
public abstract class FitParams<S extends FitParams<S>> extends TrainingParams<S> {
  private static final long serialVersionUID = 1L;

  private final Param<String> validationIndicatorCol;
  private final DoubleParam validationFraction;
  private final Param<String> idCol;
  private final Param<String> onBadRecord;
  private final IntParam shards;
  private final Param<String> runDir;
  private final Param<String> workDir;
  private final BooleanParam overwrite;

  protected FitParams(String uid) {
    super(uid);
    validationIndicatorCol = new Param<>(this, "validationIndicatorCol", "boolean column, true for the rows the"
        + " run holds out and evaluates on; \"\": validationFraction decides");
    validationFraction = new DoubleParam(this, "validationFraction", "share of rows held out for evaluation when"
        + " there is no validationIndicatorCol, drawn per row from the seed and the row's id; 0: none held out, every"
        + " row trains and the run's evaluation is on the training rows", ParamValidators.inRange(0, 1, true, false));
    idCol = new Param<>(this, "idCol", "a column naming each row stably (e.g. a file path); \"\": the image"
        + " struct's origin, the binaryFile source's path, else a hash of the image and label");
    onBadRecord = new Param<>(this, "onBadRecord", "fail: an unusable image or label stops the fit, naming it;"
        + " skip: it is left out and listed in the dataset's manifest", ParamValidators.inArray(new String[] {"fail",
            "skip"}));
    shards = new IntParam(this, "shards", "Parquet shards per split of the ingested dataset", ParamValidators.gtEq(1));
    runDir = new Param<>(this, "runDir", "where runs are kept (any Hadoop URI): each fit writes its own run"
        + " directory under it, fit-<n>-<hash of the params> (n: the next free number), as 'mixmo train' writes one;"
        + " \"\": the run is temporary (removed after the fit; its figures stay in the model's summary)");
    workDir = new Param<>(this, "workDir", "where each fit writes its ingested dataset (<workDir>/<fit>/dataset),"
        + " readable by every executor; \"\": /tmp/mixmo-ml/<uid>-<time> on the default file system, removed after"
        + " the fit");
    overwrite = new BooleanParam(this, "overwrite", "replace an existing dataset at the fit's dataset path (never"
        + " needed with fresh fit directories; kept for compatibility)");
    setDefault(validationIndicatorCol, "");
    setDefault(validationFraction, 0.0);
    setDefault(idCol, "");
    setDefault(onBadRecord, "fail");
    setDefault(shards, io.mixmo.datasets.ingest.IngestOptions.DEFAULT_SHARDS);
    setDefault(runDir, "");
    setDefault(workDir, "");
    setDefault(overwrite, false);
  }

  public Param<String> validationIndicatorCol() {
    return validationIndicatorCol;
  }

  public DoubleParam validationFraction() {
    return validationFraction;
  }

  public Param<String> idCol() {
    return idCol;
  }

  public Param<String> onBadRecord() {
    return onBadRecord;
  }

  public IntParam shards() {
    return shards;
  }

  public Param<String> runDir() {
    return runDir;
  }

  public Param<String> workDir() {
    return workDir;
  }

  public BooleanParam overwrite() {
    return overwrite;
  }

  public String getValidationIndicatorCol() {
    return getOrDefault(validationIndicatorCol);
  }

  public double getValidationFraction() {
    return (Double) getOrDefault(validationFraction);
  }

  public String getIdCol() {
    return getOrDefault(idCol);
  }

  public String getOnBadRecord() {
    return getOrDefault(onBadRecord);
  }

  public int getShards() {
    return (Integer) getOrDefault(shards);
  }

  public String getRunDir() {
    return getOrDefault(runDir);
  }

  public String getWorkDir() {
    return getOrDefault(workDir);
  }

  public boolean getOverwrite() {
    return (Boolean) getOrDefault(overwrite);
  }

  public S setValidationIndicatorCol(String value) {
    set(validationIndicatorCol, value);
    return self();
  }

  public S setValidationFraction(double value) {
    set(validationFraction, value);
    return self();
  }

  public S setIdCol(String value) {
    set(idCol, value);
    return self();
  }

  public S setOnBadRecord(String value) {
    set(onBadRecord, value);
    return self();
  }

  public S setShards(int value) {
    set(shards, value);
    return self();
  }

  public S setRunDir(String value) {
    set(runDir, value);
    return self();
  }

  public S setWorkDir(String value) {
    set(workDir, value);
    return self();
  }

  public S setOverwrite(boolean value) {
    set(overwrite, value);
    return self();
  }
}

package io.mixmo.driver.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The figures of one evaluation, typed: what {@code evaluation.json} holds, what a model scorer
 * returns and what the promotion gate, the run summary and the report's table read (driver side,
 * immutable). This record is the only place that knows the JSON field names of the figures; other
 * packages call its accessors, so a renamed field fails to compile instead of failing a gate at run
 * time.
 *
 * <p>Jackson binds it both ways through {@link #fromJson} and {@link #toJson}; the file's layout is
 * unchanged: the figures first ({@code count}, {@code ensembleTop1}, ...), then the details
 * (per-class accuracy, members' NLL and ECE, reliability diagram, pairwise disagreement,
 * {@code temperatureScaling}), which this record carries verbatim in {@link #details}. A figure that
 * is undefined (top-5 with &lt; 5 classes, diversity with one member, no temperature) or absent from
 * the file reads {@code NaN} and is not written; a missing {@code count} reads {@code -1}.
 *
 * @param count images evaluated ({@code -1} when absent)
 * @param ensembleTop1 accuracy of the ensemble (mean of the member logits), a fraction
 * @param ensembleTop5 top-5 accuracy of the ensemble
 * @param memberTop1 each member's own top-1 accuracy
 * @param memberMeanTop1 mean of {@code memberTop1}
 * @param nll mean negative log-likelihood of the ensemble
 * @param ece expected calibration error (15 bins)
 * @param brier Brier score per example, in [0, 2]
 * @param brierPerClass the reference code's Brier ({@code brier} / classes)
 * @param diversityRatioErrors Aksela's ratio-errors over member pairs
 * @param disagreement mean pairwise rate of differing member argmaxes
 * @param temperature the temperature the figures were computed at
 * @param details everything else of the file, in its order (read through the accessors below where typed)
 */
public record EvaluationFigures(long count, double ensembleTop1, double ensembleTop5, List<Double> memberTop1,
    double memberMeanTop1, double nll, double ece, double brier, double brierPerClass, double diversityRatioErrors,
    double disagreement, double temperature, ObjectNode details) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COUNT = "count";
  private static final String ENSEMBLE_TOP1 = "ensembleTop1";
  private static final String ENSEMBLE_TOP5 = "ensembleTop5";
  private static final String MEMBER_TOP1 = "memberTop1";
  private static final String MEMBER_MEAN_TOP1 = "memberMeanTop1";
  private static final String NLL = "nll";
  private static final String ECE = "ece";
  private static final String BRIER = "brier";
  private static final String BRIER_PER_CLASS = "brierPerClass";
  private static final String DIVERSITY = "diversityRatioErrors";
  private static final String DISAGREEMENT = "disagreement";
  private static final String TEMPERATURE = "temperature";
  private static final String TEMPERATURE_SCALING = "temperatureScaling";
  private static final List<String> TYPED = List.of(COUNT, ENSEMBLE_TOP1, ENSEMBLE_TOP5, MEMBER_TOP1,
      MEMBER_MEAN_TOP1, NLL, ECE, BRIER, BRIER_PER_CLASS, DIVERSITY, DISAGREEMENT, TEMPERATURE);

  public EvaluationFigures {
    memberTop1 = List.copyOf(memberTop1);
    details = details == null ? JsonNodeFactory.instance.objectNode() : details.deepCopy();
  }

  @Override
  public ObjectNode details() {
    return details.deepCopy();
  }

  /** Reads the figures of a JSON object (an {@code evaluation.json}, a metrics line); absent figures read NaN. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static EvaluationFigures fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("an evaluation must be a JSON object, found " + json);
    }
    List<Double> members = new ArrayList<>();
    json.path(MEMBER_TOP1).forEach(m -> members.add(m.isNumber() ? m.asDouble() : Double.NaN));
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!TYPED.contains(field.getKey())) {
        details.set(field.getKey(), field.getValue().deepCopy());
      }
    }
    return new EvaluationFigures(json.path(COUNT).isNumber() ? json.get(COUNT).asLong() : -1,
        number(json, ENSEMBLE_TOP1), number(json, ENSEMBLE_TOP5), members, number(json, MEMBER_MEAN_TOP1),
        number(json, NLL), number(json, ECE), number(json, BRIER), number(json, BRIER_PER_CLASS),
        number(json, DIVERSITY), number(json, DISAGREEMENT), number(json, TEMPERATURE), details);
  }

  /**
   * The figures of a Jackson-serialisable value (a map of the evaluation, a record), read as if from its
   * file (so that they equal what {@link RunDirectory#readEvaluation} reads back).
   */
  public static EvaluationFigures of(Object value) {
    try {
      return fromJson(JSON.readTree(JSON.writeValueAsBytes(value)));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not an evaluation's figures: " + value, e);
    }
  }

  /** The JSON object written to {@code evaluation.json}: figures (NaN ones left out), then the details. */
  @JsonValue
  public ObjectNode toJson() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (count >= 0) {
      out.put(COUNT, count);
    }
    put(out, ENSEMBLE_TOP1, ensembleTop1);
    put(out, ENSEMBLE_TOP5, ensembleTop5);
    if (!memberTop1.isEmpty()) {
      memberTop1.forEach(out.putArray(MEMBER_TOP1)::add);
    }
    put(out, MEMBER_MEAN_TOP1, memberMeanTop1);
    put(out, NLL, nll);
    put(out, ECE, ece);
    put(out, BRIER, brier);
    put(out, BRIER_PER_CLASS, brierPerClass);
    put(out, DIVERSITY, diversityRatioErrors);
    put(out, DISAGREEMENT, disagreement);
    put(out, TEMPERATURE, temperature);
    out.setAll(details);
    return out;
  }

  /** The temperature that temperature scaling chose, NaN when it did not run. */
  public double scaledTemperature() {
    return number(details.path(TEMPERATURE_SCALING), TEMPERATURE);
  }

  /** The ensemble's NLL after temperature scaling, NaN when it did not run. */
  public double scaledNll() {
    return number(details.path(TEMPERATURE_SCALING).path("calibrated"), NLL);
  }

  /** The ensemble's ECE after temperature scaling, NaN when it did not run. */
  public double scaledEce() {
    return number(details.path(TEMPERATURE_SCALING).path("calibrated"), ECE);
  }

  /** Member {@code m}'s top-1, NaN when the figures have no such member. */
  public double memberTop1(int m) {
    return m >= 0 && m < memberTop1.size() ? memberTop1.get(m) : Double.NaN;
  }

  /**
   * What users look at first, e.g. {@code count=500, ensembleTop1=0.322, memberTop1=[0.3,0.31], nll=1.81,
   * ece=0.066, brier=0.8}: the figures present, in that order (the whole JSON when none is).
   */
  public String summary() {
    ObjectNode json = toJson();
    StringBuilder text = new StringBuilder();
    for (String field : List.of(COUNT, ENSEMBLE_TOP1, MEMBER_TOP1, NLL, ECE, BRIER)) {
      if (json.has(field)) {
        text.append(text.length() == 0 ? "" : ", ").append(field).append('=').append(json.get(field));
      }
    }
    return text.length() == 0 ? json.toString() : text.toString();
  }

  private static double number(JsonNode json, String field) {
    JsonNode v = json.path(field);
    return v.isNumber() ? v.asDouble() : Double.NaN;
  }

  private static void put(ObjectNode out, String field, double value) {
    if (!Double.isNaN(value)) {
      out.put(field, value);
    }
  }
}

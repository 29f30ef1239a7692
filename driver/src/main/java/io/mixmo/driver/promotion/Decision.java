package io.mixmo.driver.promotion;

import java.util.List;
import java.util.Optional;

/**
 * The gate's decision on one run, written to {@code <run>/promotion.json} and
 * {@code <root>/promotion-log/<run>.json}, and carried by the pointer of a promoted run.
 *
 * @param run the run's id (its directory name under {@code <root>/runs})
 * @param reasons one line per gate rule (and why it was superseded, if it was)
 * @param generation the generation it was promoted as; 0 when not promoted
 * @param basedOnGeneration the generation promoted when the gate ran (0 = none)
 * @param incumbentRun the run of that generation; "" when none
 * @param candidate this run's figures on the test split
 * @param incumbent the promoted model's figures on the same split; null when none was promoted or it
 *     could not be scored
 * @param dataset the dataset both were scored on
 * @param split its split
 */
public record Decision(int formatVersion, String run, Outcome outcome, List<String> reasons, long generation,
    long basedOnGeneration, String incumbentRun, GateFigures candidate, GateFigures incumbent, QualityGate gate,
    String dataset, String split, String decidedAt) {
  public static final int FORMAT_VERSION = 1;

  public Decision {
    if (formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException("decision formatVersion must be " + FORMAT_VERSION + ", found "
          + formatVersion);
    }
    if (run == null || outcome == null || candidate == null || gate == null) {
      throw new IllegalArgumentException("a decision needs run, outcome, candidate and gate");
    }
    reasons = List.copyOf(reasons);
    incumbentRun = incumbentRun == null ? "" : incumbentRun;
  }

  /** The promoted model's figures, when they were known. */
  public Optional<GateFigures> incumbentFigures() {
    return Optional.ofNullable(incumbent);
  }

  /** The same decision with another outcome, generation and an extra reason. */
  Decision with(Outcome newOutcome, long newGeneration, String reason) {
    List<String> more = new java.util.ArrayList<>(reasons);
    more.add(reason);
    return new Decision(formatVersion, run, newOutcome, more, newGeneration, basedOnGeneration, incumbentRun,
        candidate, incumbent, gate, dataset, split, decidedAt);
  }
}

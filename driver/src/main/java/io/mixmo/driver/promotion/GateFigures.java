package io.mixmo.driver.promotion;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.driver.run.EvaluationFigures;
import java.util.List;

/**
 * The figures the gate compares, taken from an evaluation's {@link EvaluationFigures}: images scored,
 * ensemble top-1, NLL, ECE and the members' top-1. Written into decisions ({@code promotion.json}).
 * Pure, driver side.
 */
public record GateFigures(long count, double ensembleTop1, double nll, double ece, List<Double> memberTop1) {

  public GateFigures {
    memberTop1 = List.copyOf(memberTop1);
  }

  /**
   * The gate's figures of an evaluation; {@code what} names it (e.g. its file) when one the gate needs is
   * missing.
   */
  public static GateFigures of(EvaluationFigures report, String what) {
    require(report.count() >= 0, "count", report, what);
    require(!Double.isNaN(report.ensembleTop1()), "ensembleTop1", report, what);
    require(!Double.isNaN(report.nll()), "nll", report, what);
    require(!Double.isNaN(report.ece()), "ece", report, what);
    return new GateFigures(report.count(), report.ensembleTop1(), report.nll(), report.ece(), report.memberTop1());
  }

  private static void require(boolean present, String field, EvaluationFigures report, String what) {
    if (!present) {
      throw new BadInputException(what + " has no numeric '" + field + "': " + report.toJson());
    }
  }

  /** E.g. {@code ensemble top-1 0.3220, NLL 1.8100, ECE 0.0660 (500 images)}. */
  public String headline() {
    return String.format("ensemble top-1 %.4f, NLL %.4f, ECE %.4f (%d images)", ensembleTop1, nll, ece, count);
  }
}

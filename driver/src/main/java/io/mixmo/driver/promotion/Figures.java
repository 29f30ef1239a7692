package io.mixmo.driver.promotion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mixmo.datasets.source.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The figures the gate compares, from an evaluation report ({@code evaluation.json} or a scorer's
 * map): images scored, ensemble top-1, NLL, ECE and the members' top-1. Pure.
 */
public record Figures(long count, double ensembleTop1, double nll, double ece, List<Double> memberTop1) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public Figures {
    memberTop1 = List.copyOf(memberTop1);
  }

  /** The figures of a report; {@code what} names it when a field is missing. */
  public static Figures of(JsonNode report, String what) {
    for (String field : List.of("count", "ensembleTop1", "nll", "ece")) {
      if (!report.path(field).isNumber()) {
        throw new BadInputException(what + " has no numeric '" + field + "': " + report);
      }
    }
    List<Double> members = new ArrayList<>();
    report.path("memberTop1").forEach(m -> members.add(m.asDouble()));
    return new Figures(report.get("count").asLong(), report.get("ensembleTop1").asDouble(),
        report.get("nll").asDouble(), report.get("ece").asDouble(), members);
  }

  /** The figures of a report given as a map. */
  public static Figures of(Map<String, Object> report, String what) {
    return of((JsonNode) JSON.valueToTree(report), what);
  }

  /** E.g. {@code ensemble top-1 0.3220, NLL 1.8100, ECE 0.0660 (500 images)}. */
  public String headline() {
    return String.format("ensemble top-1 %.4f, NLL %.4f, ECE %.4f (%d images)", ensembleTop1, nll, ece, count);
  }
}

package io.mixmo.driver.promotion;

import java.util.List;

/** Pointers and decisions for tests. */
final class Pointers {
  private Pointers() {}

  static String runId(int n) {
    return String.format("20260101T0000%02dZ-%08x", n % 60, n);
  }

  static Decision decision(String run, Outcome outcome, long generation, long base) {
    return new Decision(Decision.FORMAT_VERSION, run, outcome, List.of("ok: test"), generation, base, "",
        QualityGateTest.figures(0.3, 1.8), null, new QualityGate(0, 0, 0), "file:///data", "test",
        "2026-01-01T00:00:00Z");
  }

  static Pointer pointer(String run, long basedOn) {
    return new Pointer(Pointer.FORMAT_VERSION, basedOn + 1, run, ModelRoot.modelOf(run), "a".repeat(64), 10,
        "2026-01-01T00:00:00Z", decision(run, Outcome.PROMOTED, basedOn + 1, basedOn));
  }
}

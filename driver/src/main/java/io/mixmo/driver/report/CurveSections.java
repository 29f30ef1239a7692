package io.mixmo.driver.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The report's curves: training loss and learning rate per round, and the test metrics per epoch
 * (top-1, NLL, ECE: ensemble and members). One run: the ensemble in black, each member dashed in its
 * colour. Several runs: one colour per run, overlaid (ensemble solid; members' mean, or the figure
 * after temperature scaling, dashed). Driver side; renders charts.
 */
final class CurveSections {
  static final String TRAINING = "training";
  static final String TEST = "test-metrics";

  private CurveSections() {}

  static String training(List<RunData> runs) {
    if (runs.stream().allMatch(r -> r.rounds().isEmpty())) {
      return Html.section(TRAINING, "Training loss and learning rate", Html.empty("No round logged yet."));
    }
    StringBuilder body = new StringBuilder();
    if (runs.size() == 1) {
      RunData run = runs.get(0);
      List<Series> loss = List.of(Curves.perRound(run, "loss", "training loss", Palette.ENSEMBLE, false));
      List<Series> lr = List.of(Curves.perRound(run, "learningRate", "learning rate", Palette.of(1), true));
      body.append(ChartImages.img(Charts.twoAxes("Training loss and learning rate per round", "round",
          "loss (mean over workers and steps)", loss, "learning rate", lr), "training loss and learning rate"));
      if (!Curves.anyPoint(lr)) {
        body.append(Html.empty("This run's metrics.jsonl has no learning rate (written from this version on)."));
      }
    } else {
      List<Series> loss = new ArrayList<>();
      List<Series> lr = new ArrayList<>();
      for (int i = 0; i < runs.size(); i++) {
        loss.add(Curves.perRoundByEpoch(runs.get(i), "loss", runs.get(i).label(), Palette.of(i), false));
        lr.add(Curves.perRoundByEpoch(runs.get(i), "learningRate", runs.get(i).label(), Palette.of(i), false));
      }
      body.append(ChartImages.img(Charts.lines("Training loss", "epoch", "loss", loss), "training loss"));
      body.append(ChartImages.img(Charts.lines("Learning rate", "epoch", "learning rate", lr), "learning rate"));
    }
    return Html.section(TRAINING, "Training loss and learning rate", body.toString());
  }

  static String testMetrics(List<RunData> runs) {
    if (runs.stream().allMatch(r -> r.evaluations().isEmpty())) {
      return Html.section(TEST, "Test metrics per epoch", Html.empty("No evaluation yet: the first one is made at "
          + "the end of the first epoch (run.evaluate-every-epoch)."));
    }
    StringBuilder body = new StringBuilder();
    body.append(chart(runs, "Top-1 accuracy (%)", "memberTop1", "ensembleTop1", "memberMeanTop1", true));
    body.append(chart(runs, "NLL", "memberNll", "nll", "temperatureScaling.calibrated.nll", false));
    body.append(chart(runs, "ECE (15 bins)", "memberEce", "ece", "temperatureScaling.calibrated.ece", false));
    return Html.section(TEST, "Test metrics per epoch", body.toString());
  }

  /**
   * One metric per epoch. One run: ensemble, then each member ({@code memberKey[m]}), and the
   * temperature-scaled figure for NLL and ECE. Several: per run the ensemble and {@code dashedKey}.
   */
  private static String chart(List<RunData> runs, String title, String memberKey, String key, String dashedKey,
      boolean percent) {
    List<Series> series = new ArrayList<>();
    if (runs.size() == 1) {
      RunData run = runs.get(0);
      series.add(Curves.perEpoch(run, key, "ensemble", Palette.ENSEMBLE, false));
      for (int m = 0; m < run.members(); m++) {
        series.add(Curves.perEpoch(run, memberKey + "[" + m + "]", "member " + m, Palette.of(m), true));
      }
      if (!percent) {
        series.add(Curves.perEpoch(run, dashedKey, "ensemble after temperature scaling", Palette.of(6), false));
      }
    } else {
      String dashed = percent ? "members' mean" : "after temperature scaling";
      for (int i = 0; i < runs.size(); i++) {
        RunData run = runs.get(i);
        series.add(Curves.perEpoch(run, key, run.label() + " ensemble", Palette.of(i), false));
        series.add(Curves.perEpoch(run, dashedKey, run.label() + " " + dashed, Palette.of(i), true));
      }
    }
    if (percent) {
      series.replaceAll(Curves::percent);
    }
    return ChartImages.img(Charts.lines(title + " per epoch", "epoch", title, series), title + " per epoch");
  }
}

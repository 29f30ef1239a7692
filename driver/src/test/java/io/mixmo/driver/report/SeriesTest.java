package io.mixmo.driver.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesTest {
  @Test
  void longCurvesAreAveragedInEqualBucketsAndNaNPointsLeftOut() {
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      points.add(new double[] {i, i % 2 == 0 ? 1 : 3});
    }
    points.add(new double[] {5000, Double.NaN});
    Series s = new Series("loss", points, Color.BLACK, false);
    Series d = s.downsampled(2000);
    // 5000 defined points in buckets of ceil(5000 / 2000) = 3: 1667 points
    assertThat(d.points()).hasSize(1667);
    assertThat(d.points().get(0)).containsExactly(1.0, 5.0 / 3);     // (0+1+2)/3, (1+3+1)/3
    assertThat(d.points().get(1666)).containsExactly(4998.5, 2.0);   // the last two: 4998, 4999
    assertThat(s.downsampled(6000)).isSameAs(s);
    assertThat(s.definedPoints()).hasSize(5000);
  }
}

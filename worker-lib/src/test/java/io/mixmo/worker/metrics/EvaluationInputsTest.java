package io.mixmo.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Bad input fails with a message naming the value; the batch path and Java serialisation agree. */
class EvaluationInputsTest {
  private static final float[] TEN = new float[10];

  @Test
  void zeroRejectsTooFewMembersOrClasses() {
    assertThatThrownBy(() -> EvaluationAccumulator.zero(0, 10))
        .hasMessage("members must be >= 1, found 0");
    assertThatThrownBy(() -> EvaluationAccumulator.zero(2, 1))
        .hasMessage("numClasses must be >= 2, found 1");
  }

  @Test
  void oneExampleIsCheckedForLabelWidthMembersAndFiniteness() {
    EvaluationAccumulator acc = EvaluationAccumulator.zero(2, 10);
    assertThatThrownBy(() -> acc.addInPlace(new float[][] {TEN, TEN}, 10))
        .hasMessage("label must be in [0, 10), found 10");
    assertThatThrownBy(() -> acc.addInPlace(new float[][] {TEN, TEN}, -1))
        .hasMessage("label must be in [0, 10), found -1");
    assertThatThrownBy(() -> acc.addInPlace(new float[][] {TEN, new float[9]}, 3))
        .hasMessage("memberLogits[1] must have 10 classes, found 9");
    assertThatThrownBy(() -> acc.addInPlace(new float[][] {TEN, TEN, TEN}, 3))
        .hasMessage("memberLogits must have 2 members, found 3");
    float[] withNaN = new float[10];
    withNaN[4] = Float.NaN;
    assertThatThrownBy(() -> acc.addInPlace(new float[][] {withNaN, TEN}, 3))
        .hasMessage("memberLogits[0][4] must be finite, found NaN");
    float[] withInf = new float[10];
    withInf[7] = Float.NEGATIVE_INFINITY;
    assertThatThrownBy(() -> acc.addInPlace(new float[][] {TEN, withInf}, 3))
        .hasMessage("memberLogits[1][7] must be finite, found -Infinity");
    assertThat(acc.count()).isZero();
    assertThatThrownBy(acc::report).hasMessage("report needs at least one example, count is 0");
  }

  @Test
  void aBatchIsCheckedWholeBeforeAnythingIsAdded() {
    EvaluationAccumulator acc = EvaluationAccumulator.zero(2, 10);
    INDArray good = Nd4j.zeros(DataType.FLOAT, 3, 10);
    assertThatThrownBy(() -> acc.addInPlace(new INDArray[] {good, Nd4j.zeros(DataType.FLOAT, 3, 9)},
        new int[] {0, 1, 2}))
        .hasMessage("memberLogits[1] must have shape [3, 10] (examples, classes), found [3, 9]");
    assertThatThrownBy(() -> acc.addInPlace(new INDArray[] {good}, new int[] {0, 1, 2}))
        .hasMessage("memberLogits must have 2 members, found 1");
    assertThatThrownBy(() -> acc.addInPlace(new INDArray[] {good, good}, new int[] {0, 11, 2}))
        .hasMessage("labels[1] must be in [0, 10), found 11");
    INDArray withNaN = Nd4j.zeros(DataType.FLOAT, 3, 10);
    withNaN.putScalar(2, 4, Float.NaN);
    assertThatThrownBy(() -> acc.addInPlace(new INDArray[] {withNaN, good}, new int[] {0, 1, 2}))
        .hasMessage("memberLogits[0][2][4] must be finite, found NaN");
    assertThat(acc.count()).isZero();
  }

  @Test
  void mergeRefusesAnotherShape() {
    assertThatThrownBy(() -> EvaluationAccumulator.zero(2, 10)
        .mergeInPlace(EvaluationAccumulator.zero(3, 10)))
        .hasMessage("cannot merge an accumulator of (3 members, 10 classes) into one of "
            + "(2 members, 10 classes)");
  }

  @Test
  void theBatchPathEqualsThePerExamplePathForFloatAndFortranOrderedDoubleArrays() {
    float[][][] logits = {
        {{0.5f, -1.25f, 2f}, {3f, 0.1f, -0.7f}, {0f, 0f, 0f}, {1.5f, 1.5f, -2f}},
        {{1f, 2f, 3f}, {-0.3f, 0.2f, 0.9f}, {4f, -4f, 0.25f}, {0.75f, 1.5f, 1.6f}}};
    int[] labels = {2, 0, 1, 1};
    EvaluationAccumulator perExample = EvaluationAccumulator.zero(2, 3);
    for (int i = 0; i < labels.length; i++) {
      perExample.addInPlace(new float[][] {logits[0][i], logits[1][i]}, labels[i]);
    }
    INDArray[] floats = {Nd4j.create(logits[0]), Nd4j.create(logits[1])};
    INDArray[] doublesF = {floats[0].castTo(DataType.DOUBLE).dup('f'),
        floats[1].castTo(DataType.DOUBLE).dup('f')};
    EvaluationReport expected = perExample.report();
    assertThat(EvaluationAccumulator.zero(2, 3).addInPlace(floats, labels).report())
        .isEqualTo(expected);
    assertThat(EvaluationAccumulator.zero(2, 3).addInPlace(doublesF, labels).report())
        .isEqualTo(expected);
    // a view with an offset: rows 1..4 of a [6, 3] array holding the logits
    INDArray[] views = new INDArray[2];
    for (int m = 0; m < 2; m++) {
      INDArray big = Nd4j.zeros(DataType.FLOAT, 6, 3);
      big.get(NDArrayIndex.interval(1, 5), NDArrayIndex.all()).assign(floats[m]);
      views[m] = big.get(NDArrayIndex.interval(1, 5), NDArrayIndex.all());
    }
    assertThat(EvaluationAccumulator.zero(2, 3).addInPlace(views, labels).report())
        .isEqualTo(expected);
    assertThat(expected.count()).isEqualTo(4);
  }

  @Test
  void anAccumulatorSurvivesJavaSerialisationAndStillMerges() throws Exception {
    EvaluationAccumulator acc = EvaluationAccumulatorTest.sixExamples();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(acc);
    }
    EvaluationAccumulator back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (EvaluationAccumulator) in.readObject();
    }
    assertThat(back.report()).isEqualTo(acc.report());
    back.mergeInPlace(EvaluationAccumulatorTest.sixExamples());
    assertThat(back.count()).isEqualTo(12);
    assertThat(back.report().ece()).isEqualTo(acc.report().ece());
  }
}

package io.mixmo.worker.batch;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The plain float buffers of one mixed batch, filled directly by the generator and wrapped once
 * into a {@link MultiDataSet} in the contract's layout. One instance per batch; executor side.
 */
final class BatchArrays {
  final float[][] inputs;
  final float[][] masks;
  final float[][] labels;
  final float[][] weights;
  private final BatchSpec spec;

  BatchArrays(BatchSpec spec) {
    int m = spec.members();
    int b = spec.batchSize();
    this.spec = spec;
    this.inputs = new float[m][b * spec.imageShape().size()];
    this.masks = new float[m][b * spec.featureHeight() * spec.featureWidth()];
    this.labels = new float[m][b * spec.numClasses()];
    this.weights = new float[m][b];
  }

  /** features = [in0..in{M−1}, mask0..mask{M−1}], labels = [y0..], label masks = [w0..]; no feature masks. */
  MultiDataSet toMultiDataSet() {
    int members = spec.members();
    long b = spec.batchSize();
    var shape = spec.imageShape();
    INDArray[] features = new INDArray[2 * members];
    INDArray[] ys = new INDArray[members];
    INDArray[] ws = new INDArray[members];
    for (int m = 0; m < members; m++) {
      features[m] = wrap(inputs[m], b, shape.channels(), shape.height(), shape.width());
      features[members + m] = wrap(masks[m], b, 1, spec.featureHeight(), spec.featureWidth());
      ys[m] = wrap(labels[m], b, spec.numClasses());
      ws[m] = wrap(weights[m], b, 1);
    }
    return new MultiDataSet(features, ys, null, ws);
  }

  private static INDArray wrap(float[] data, long... shape) {
    return Nd4j.create(data, shape, DataType.FLOAT);
  }
}

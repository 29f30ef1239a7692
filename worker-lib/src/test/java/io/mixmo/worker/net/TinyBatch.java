package io.mixmo.worker.net;

import io.mixmo.worker.data.ImageShape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/**
 * A small MixMo batch in the contract's layout: features [in0..in{M-1}, mask0..mask{M-1}], one-hot
 * labels [y0..], label masks [w0..] (per-example loss weights [mb, 1]). Masks are non-trivial:
 * member 0 gets a per-pixel value in (0, 1), the others share the rest equally.
 */
record TinyBatch(INDArray[] features, INDArray[] labels, INDArray[] weights) {

  static TinyBatch of(NetworkSpec spec, int mb, long seed) {
    TestData data = new TestData(seed, spec.dataType());
    int members = spec.members();
    ImageShape s = spec.input();
    int[] hw = MixMoNetworks.featureMapSize(spec);
    INDArray[] features = new INDArray[2 * members];
    INDArray[] labels = new INDArray[members];
    INDArray[] weights = new INDArray[members];
    INDArray mu0 = data.uniform(0.05, 0.95, mb, 1, hw[0], hw[1]);
    for (int m = 0; m < members; m++) {
      features[m] = data.gaussian(mb, s.channels(), s.height(), s.width());
      features[members + m] = m == 0 ? mu0 : mu0.rsub(1.0).divi(Math.max(1, members - 1));
      labels[m] = data.oneHot(mb, spec.numClasses());
      weights[m] = data.uniform(0.3, 1.7, mb, 1);
    }
    return new TinyBatch(features, labels, weights);
  }

  MultiDataSet toMultiDataSet() {
    return new MultiDataSet(features, labels, null, weights);
  }

  TinyBatch withWeightsScaled(double factor) {
    INDArray[] scaled = new INDArray[weights.length];
    for (int m = 0; m < weights.length; m++) {
      scaled[m] = weights[m].mul(factor);
    }
    return new TinyBatch(features, labels, scaled);
  }
}

package io.mixmo.worker.engine.cpu;

import io.mixmo.worker.engine.ActShape;
import io.mixmo.worker.engine.Backend;
import io.mixmo.worker.engine.BatchNormKernel;
import io.mixmo.worker.engine.Buf;
import io.mixmo.worker.engine.ConvGeometry;
import io.mixmo.worker.engine.ConvKernel;
import io.mixmo.worker.net.ops.Dnnl;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's CPU backend: oneDNN convolutions, batch normalisations (BN + ReLU fused),
 * element-wise, mixing and pooling primitives on blocked activations ({@link Dnnl#blockedTag()});
 * Java loops for the heads, the update and the running averages (see the package description). Channel
 * counts of blocked activations must be multiples of the block (16 or 8), as for the DNNL layers.
 * One instance per executor thread; not thread-safe.
 */
public final class CpuBackend implements Backend {
  private final int block;
  private final boolean fuseBatchNormRelu;
  /** Floats per chunk of the Java loops, which copy native memory in bulk into these arrays. */
  private static final int CHUNK = 8192;
  /** {@code -Dmixmo.engine.logKernels=true}: print oneDNN's implementation of each fused or mixing kernel made. */
  private static final boolean LOG_KERNELS = Boolean.getBoolean("mixmo.engine.logKernels");
  private final float[] chunkA = new float[CHUNK];
  private final float[] chunkB = new float[CHUNK];
  private final float[] chunkC = new float[CHUNK];
  private final List<CpuBuf> owned = new ArrayList<>();
  private final KernelCache<CpuElementwise> elementwise = new KernelCache<>();
  private final KernelCache<CpuMixing> mixing = new KernelCache<>();
  private final KernelCache<CpuPooling> pooling = new KernelCache<>();
  private final CpuHeads heads = new CpuHeads();
  /** Reused argument arrays of {@link #mix}, by member count (1 to 16): encoded, masks. */
  private final CpuBuf[][][] mixArgs = new CpuBuf[16][2][];

  {
    for (int m = 0; m < mixArgs.length; m++) {
      mixArgs[m][0] = new CpuBuf[m + 1];
      mixArgs[m][1] = new CpuBuf[m + 1];
    }
  }
  private long bytes;

  /**
   * With BN + ReLU fused ({@link #batchNormRelu}) unless the system property
   * {@code mixmo.engine.fuseBatchNormRelu} is {@code false} (for benchmarks).
   */
  public CpuBackend() {
    this(Boolean.parseBoolean(System.getProperty("mixmo.engine.fuseBatchNormRelu", "true")));
  }

  /** @param fuseBatchNormRelu whether {@link #batchNormRelu} offers the fused kernel (else null) */
  public CpuBackend(boolean fuseBatchNormRelu) {
    this.fuseBatchNormRelu = fuseBatchNormRelu;
    if (!Dnnl.available()) {
      throw new IllegalStateException("the engine's CPU backend needs oneDNN: " + Dnnl.unavailableReason());
    }
    this.block = Dnnl.blockSize();
  }

  @Override
  public String describe() {
    return "cpu (" + Dnnl.describe() + ")";
  }

  @Override
  public Buf allocate(long floats, String name) {
    CpuBuf b = CpuBuf.allocate(floats, name);
    owned.add(b);
    bytes += 4 * floats;
    return b;
  }

  @Override
  public void free(Buf b) {
    CpuBuf c = CpuBuf.of(b);
    if (c.owner == null || !owned.remove(c)) {
      throw new IllegalArgumentException("engine buffer to free was not allocated by this backend (or is a slice)");
    }
    bytes -= 4L * c.length;
    c.owner.close();
  }

  @Override
  public Buf slice(Buf parent, long offset, long length) {
    return CpuBuf.of(parent).slice(offset, length);
  }

  @Override
  public void upload(float[] src, int srcOffset, Buf dst) {
    CpuBuf d = CpuBuf.of(dst);
    d.data.put(0, src, srcOffset, d.length);
  }

  @Override
  public void download(Buf src, float[] dst, int dstOffset) {
    CpuBuf s = CpuBuf.of(src);
    s.data.get(0, dst, dstOffset, s.length);
  }

  @Override
  public void fill(Buf b, float value) {
    FloatBuffer d = CpuBuf.of(b).data;
    java.util.Arrays.fill(chunkA, value);
    for (int from = 0, n = d.capacity(); from < n; from += CHUNK) {
      d.put(from, chunkA, 0, Math.min(CHUNK, n - from));
    }
  }

  @Override
  public long bytesAllocated() {
    return bytes;
  }

  @Override
  public ConvKernel convolution(ConvGeometry g) {
    requireBlocked(g.name(), g.nOut());
    if (!g.plainInput()) {
      requireBlocked(g.name(), g.in().channels());
    }
    return new CpuConvolution(g);
  }

  @Override
  public BatchNormKernel batchNorm(String name, ActShape shape, float eps) {
    requireBlocked(name, shape.channels());
    return new CpuBatchNorm(name, shape, eps);
  }

  /** oneDNN's batch normalisation with {@code fuse_norm_relu} (see {@link CpuBatchNorm}). */
  @Override
  public BatchNormKernel batchNormRelu(String name, ActShape shape, float eps) {
    if (!fuseBatchNormRelu) {
      return null;
    }
    requireBlocked(name, shape.channels());
    CpuBatchNorm k = new CpuBatchNorm(name, shape, eps, true);
    if (LOG_KERNELS) {
      System.err.println("[engine] " + name + " " + shape + " BN+ReLU: " + k.implementations());
    }
    return k;
  }

  private void requireBlocked(String name, int channels) {
    if (channels % block != 0) {
      throw new IllegalArgumentException("engine layer " + name + ": " + channels + " channels is not a multiple of "
          + block + " (oneDNN's blocked layout on this CPU)");
    }
  }

  private CpuElementwise elementwise(CpuBuf a, CpuBuf b, CpuBuf c) {
    sameLength(a, c);
    return elementwise(a, b);
  }

  private static void sameLength(CpuBuf a, CpuBuf b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("element-wise operation over buffers of " + a.length + " and " + b.length
          + " floats");
    }
  }

  /** The element-wise kernels for the buffers' length (which must agree), made on first use. */
  private CpuElementwise elementwise(CpuBuf a, CpuBuf b) {
    sameLength(a, b);
    CpuElementwise e = elementwise.find(a.length);
    return e != null ? e : elementwise.add(new CpuElementwise(a.length));
  }

  @Override
  public void relu(Buf x, Buf y) {
    CpuBuf a = CpuBuf.of(x);
    CpuBuf o = CpuBuf.of(y);
    elementwise(a, o).relu(a, o);
  }

  @Override
  public void reluBackward(Buf y, Buf dy, Buf dx) {
    CpuBuf a = CpuBuf.of(y);
    CpuBuf g = CpuBuf.of(dy);
    CpuBuf o = CpuBuf.of(dx);
    elementwise(a, g, o).reluBackward(a, g, o);
  }

  @Override
  public void add(Buf a, Buf b, Buf out) {
    CpuBuf x = CpuBuf.of(a);
    CpuBuf y = CpuBuf.of(b);
    CpuBuf o = CpuBuf.of(out);
    elementwise(x, y, o).add(x, y, o);
  }

  @Override
  public void accumulate(Buf src, Buf dst) {
    CpuBuf s = CpuBuf.of(src);
    CpuBuf d = CpuBuf.of(dst);
    elementwise(d, s).add(d, s, d);
  }

  @Override
  public void copy(Buf src, Buf dst) {
    CpuBuf s = CpuBuf.of(src);
    CpuBuf d = CpuBuf.of(dst);
    elementwise(s, d).copy(s, d);
  }

  /** The mixing kernels for activations of {@code s}, made on first use. */
  private CpuMixing mixing(ActShape s) {
    CpuMixing k = mixing.find(s);
    if (k != null) {
      return k;
    }
    k = new CpuMixing(s, block);
    if (LOG_KERNELS) {
      System.err.println("[engine] " + s + ": " + k.implementations());
    }
    return mixing.add(k);
  }

  @Override
  public void mix(Buf[] encoded, Buf[] masks, ActShape s, Buf z) {
    if (encoded.length > mixArgs.length) {
      throw new IllegalArgumentException("the CPU backend mixes at most " + mixArgs.length + " members, found "
          + encoded.length);
    }
    CpuBuf[] l = mixArgs[encoded.length - 1][0];
    CpuBuf[] mu = mixArgs[encoded.length - 1][1];
    for (int m = 0; m < encoded.length; m++) {
      l[m] = CpuBuf.of(encoded[m]);
      mu[m] = CpuBuf.of(masks[m]);
    }
    mixing(s).forward(l, mu, CpuBuf.of(z));
  }

  @Override
  public void mixBackward(Buf dz, Buf maskBuf, int members, ActShape s, Buf dl) {
    mixing(s).backward(CpuBuf.of(dz), CpuBuf.of(maskBuf), members, CpuBuf.of(dl));
  }

  /** The pooling kernels for activations of {@code s}, made on first use. */
  private CpuPooling pooling(ActShape s) {
    CpuPooling k = pooling.find(s);
    return k != null ? k : pooling.add(new CpuPooling(s, Dnnl.blockedTag()));
  }

  @Override
  public void globalAveragePool(Buf x, ActShape s, Buf features) {
    pooling(s).forward(CpuBuf.of(x), CpuBuf.of(features));
  }

  @Override
  public void globalAveragePoolBackward(Buf dFeatures, ActShape s, Buf dx) {
    pooling(s).backward(CpuBuf.of(dFeatures), CpuBuf.of(dx));
  }

  @Override
  public double headsForwardBackward(Buf features, int batch, int nIn, int nOut, Buf[] weights, Buf[] biases,
      Buf[] labels, Buf[] exampleWeights, Buf[] dWeights, Buf[] dBiases, Buf dFeatures, Buf scratchLogits) {
    return heads.forwardBackward(features, batch, nIn, nOut, weights, biases, labels, exampleWeights, dWeights,
        dBiases, dFeatures, scratchLogits);
  }

  @Override
  public void headsForward(Buf features, int batch, int nIn, int nOut, Buf[] weights, Buf[] biases, Buf[] logits) {
    heads.forward(features, batch, nIn, nOut, weights, biases, logits);
  }

  @Override
  public double nesterovL2(Buf params, Buf grads, Buf momentum, int[] segments, float batch, float l2, float lr,
      float mu) {
    FloatBuffer p = CpuBuf.of(params).data;
    FloatBuffer g = CpuBuf.of(grads).data;
    FloatBuffer v = CpuBuf.of(momentum).data;
    float[] pa = chunkA;
    float[] ga = chunkB;
    float[] va = chunkC;
    float muPlusOne = mu + 1f;
    double squares = 0;
    for (int s = 0; s < segments.length; s += 3) {
      int po = segments[s];
      int vo = segments[s + 1];
      for (int from = 0, n = segments[s + 2]; from < n; from += CHUNK) {
        int len = Math.min(CHUNK, n - from);
        p.get(po + from, pa, 0, len);
        g.get(po + from, ga, 0, len);
        v.get(vo + from, va, 0, len);
        for (int i = 0; i < len; i++) {
          float theta = pa[i];
          squares += (double) theta * theta;
          float grad = l2 * theta + ga[i] / batch;
          float prev = mu * va[i];
          float next = prev - lr * grad;
          va[i] = next;
          pa[i] = theta - (prev - muPlusOne * next);
        }
        p.put(po + from, pa, 0, len);
        v.put(vo + from, va, 0, len);
      }
    }
    return squares;
  }

  @Override
  public void runningAverage(Buf running, Buf batchStat, float keep) {
    FloatBuffer r = CpuBuf.of(running).data;
    FloatBuffer b = CpuBuf.of(batchStat).data;
    float[] ra = chunkA;
    float[] ba = chunkB;
    for (int from = 0, n = r.capacity(); from < n; from += CHUNK) {
      int len = Math.min(CHUNK, n - from);
      r.get(from, ra, 0, len);
      b.get(from, ba, 0, len);
      for (int i = 0; i < len; i++) {
        float cur = ra[i];
        ra[i] = cur - (cur - ba[i]) * keep;
      }
      r.put(from, ra, 0, len);
    }
  }

  /** Frees every buffer (native memory) this backend allocated. */
  @Override
  public void close() {
    for (CpuBuf b : owned) {
      b.owner.close();
    }
    owned.clear();
    elementwise.close();
    mixing.close();
    pooling.close();
  }
}

package io.mixmo.worker.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mixmo.worker.engine.ActShape;
import io.mixmo.worker.engine.Buf;
import io.mixmo.worker.net.ops.Dnnl;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The CPU backend's oneDNN element-wise, mixing and pooling kernels against plain loops over the
 * blocked layout ({@code nChw8c} or {@code nChw16c}: element (n, c, p) at ((n·C/k + c/k)·h·w + p)·k
 * + c mod k). M = 3 members, so the mixing's sum post-op runs twice; the mixing backward is checked
 * both with the forward's scaled mask and with a mask the last mix never saw.
 */
class EngineCpuKernelsTest {
  private static final int N = 3;
  private static final int H = 5;
  private static final int W = 4;
  private static final int M = 3;
  private final Random random = new Random(20261207L);

  private float[] random(int n, boolean signed) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = signed ? (float) random.nextGaussian() : random.nextFloat();
    }
    return a;
  }

  private static Buf put(CpuBackend be, float[] a) {
    Buf b = be.allocate(a.length, "test");
    be.upload(a, 0, b);
    return b;
  }

  private static float[] get(CpuBackend be, Buf b) {
    float[] a = new float[(int) b.length()];
    be.download(b, a, 0);
    return a;
  }

  private static int at(int n, int c, int p, int channels, int k) {
    return ((n * (channels / k) + c / k) * H * W + p) * k + c % k;
  }

  private static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-6f * Math.max(1f, Math.abs(expected[i])), what + " at " + i);
    }
  }

  @Test
  void mixingAndItsBackwardMatchLoopsOverTheBlockedLayout() {
    try (CpuBackend be = new CpuBackend()) {
      int k = Dnnl.blockSize();
      int channels = 2 * k;
      ActShape s = new ActShape(N, channels, H, W);
      int size = (int) s.size();
      float[][] l = new float[M][];
      float[][] mu = new float[M][];
      Buf[] lb = new Buf[M];
      Buf[] mb = new Buf[M];
      for (int m = 0; m < M; m++) {
        l[m] = random(size, true);
        mu[m] = random(N * H * W, false);
        lb[m] = put(be, l[m]);
        mb[m] = put(be, mu[m]);
      }
      float[] expected = new float[size];
      for (int m = 0; m < M; m++) {
        for (int n = 0; n < N; n++) {
          for (int c = 0; c < channels; c++) {
            for (int p = 0; p < H * W; p++) {
              int i = at(n, c, p, channels, k);
              float term = l[m][i] * (mu[m][n * H * W + p] * M);
              expected[i] = m == 0 ? term : expected[i] + term;
            }
          }
        }
      }
      Buf z = be.allocate(size, "z");
      be.mix(lb, mb, s, z);
      assertClose(expected, get(be, z), "mix");

      float[] dz = random(size, true);
      Buf dzb = put(be, dz);
      float[] other = random(N * H * W, false);
      float[][] masks = {mu[1], other};
      Buf[] maskBufs = {mb[1], put(be, other)}; // the second: never mixed, so scaled anew
      for (int j = 0; j < 2; j++) {
        float[] want = new float[size];
        for (int n = 0; n < N; n++) {
          for (int c = 0; c < channels; c++) {
            for (int p = 0; p < H * W; p++) {
              int i = at(n, c, p, channels, k);
              want[i] = dz[i] * (masks[j][n * H * W + p] * M);
            }
          }
        }
        Buf dl = be.allocate(size, "dl");
        be.mixBackward(dzb, maskBufs[j], M, s, dl);
        assertArrayEquals(want, get(be, dl), "mix backward, mask " + j);
      }
    }
  }

  @Test
  void poolingAndElementWiseMatchPlainLoops() {
    try (CpuBackend be = new CpuBackend(false)) {
      int k = Dnnl.blockSize();
      int channels = 2 * k;
      ActShape s = new ActShape(N, channels, H, W);
      int size = (int) s.size();
      float[] x = random(size, true);
      Buf xb = put(be, x);
      Buf f = be.allocate((long) N * channels, "features");
      be.globalAveragePool(xb, s, f);
      float[] mean = new float[N * channels];
      for (int n = 0; n < N; n++) {
        for (int c = 0; c < channels; c++) {
          float sum = 0;
          for (int p = 0; p < H * W; p++) {
            sum += x[at(n, c, p, channels, k)];
          }
          mean[n * channels + c] = sum / (H * W);
        }
      }
      assertClose(mean, get(be, f), "global average pooling");
      float[] df = random(N * channels, true);
      Buf dx = be.allocate(size, "dx");
      be.globalAveragePoolBackward(put(be, df), s, dx);
      float[] spread = new float[size];
      for (int n = 0; n < N; n++) {
        for (int c = 0; c < channels; c++) {
          for (int p = 0; p < H * W; p++) {
            spread[at(n, c, p, channels, k)] = df[n * channels + c] / (H * W);
          }
        }
      }
      assertClose(spread, get(be, dx), "global average pooling backward");

      float[] y = random(size, true);
      Buf yb = put(be, y);
      Buf out = be.allocate(size, "out");
      be.relu(xb, out);
      float[] relu = get(be, out);
      be.reluBackward(out, yb, dx);
      float[] back = get(be, dx);
      be.add(xb, yb, out);
      float[] sum = get(be, out);
      be.accumulate(xb, yb);
      float[] acc = get(be, yb);
      be.copy(xb, out);
      float[] copy = get(be, out);
      for (int i = 0; i < size; i++) {
        assertEquals(Math.max(x[i], 0f), relu[i], 0f, "relu at " + i);
        assertEquals(x[i] > 0 ? y[i] : 0f, back[i], 0f, "relu backward at " + i);
        assertEquals(x[i] + y[i], sum[i], "add at " + i);
        assertEquals(x[i] + y[i], acc[i], "accumulate at " + i);
        assertEquals(x[i], copy[i], "copy at " + i);
      }
    }
  }

  /** More buffer lengths than the backend keeps kernels for: the oldest are closed and made again. */
  @Test
  void elementWiseKernelsBeyondTheKeptNumberStillCompute() {
    try (CpuBackend be = new CpuBackend()) {
      for (int round = 0; round < 2; round++) {
        for (int n = 1; n <= KernelCache.KEPT + 4; n++) {
          float[] x = random(n, true);
          float[] y = random(n, true);
          Buf out = be.allocate(n, "out");
          be.add(put(be, x), put(be, y), out);
          float[] sum = get(be, out);
          for (int i = 0; i < n; i++) {
            assertEquals(x[i] + y[i], sum[i], "round " + round + ", length " + n + ", element " + i);
          }
        }
      }
    }
  }
}

// The CUDA backend's own kernels (io.mixmo.worker.engine.cuda.Kernels), compiled at run time by NVRTC
// for the device in hand (no prebuilt cubins). fp32 throughout. Every reduction has a fixed shape and
// order, so a step is deterministic for a given device, batch and build. Never run on a GPU here.
// Indexing: activations are plain NCHW; n counts elements; grid-stride loops cover any n.

#define GRID_STRIDE(i, n) for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < (n); \
    i += (long long) blockDim.x * gridDim.x)

extern "C" __global__ void fill_f(float* x, float v, long long n) {
  GRID_STRIDE(i, n) { x[i] = v; }
}

extern "C" __global__ void add_f(const float* a, const float* b, float* out, long long n) {
  GRID_STRIDE(i, n) { out[i] = a[i] + b[i]; }
}

extern "C" __global__ void accumulate_f(const float* src, float* dst, long long n) {
  GRID_STRIDE(i, n) { dst[i] += src[i]; }
}

extern "C" __global__ void relu_f(const float* x, float* y, long long n) {
  GRID_STRIDE(i, n) { y[i] = fmaxf(x[i], 0.0f); }
}

extern "C" __global__ void relu_backward_f(const float* y, const float* dy, float* dx, long long n) {
  GRID_STRIDE(i, n) { dx[i] = y[i] > 0.0f ? dy[i] : 0.0f; }
}

// One member of the mixing block: z = (accumulate ? z : 0) + e ⊙ (factor·mask), the mask [B, 1, h, w]
// broadcast over the C channels of e [B, C, h, w]; factor = M, applied to the mask first (as the DL4J vertex).
extern "C" __global__ void mix_f(const float* e, const float* mask, float* z, float factor, int hw, long long chw,
    long long n, int accumulate) {
  GRID_STRIDE(i, n) {
    long long b = i / chw;
    float m = factor * mask[b * hw + (i % hw)];
    float v = e[i] * m;
    z[i] = accumulate ? z[i] + v : v;
  }
}

// dl = dz ⊙ (factor·mask)
extern "C" __global__ void mix_backward_f(const float* dz, const float* mask, float* dl, float factor, int hw,
    long long chw, long long n) {
  GRID_STRIDE(i, n) {
    long long b = i / chw;
    dl[i] = dz[i] * (factor * mask[b * hw + (i % hw)]);
  }
}

// dx[b, c, h, w] = df[b, c] / (h·w); df row-major [B, C] = NCHW planes in order.
extern "C" __global__ void gap_backward_f(const float* df, float* dx, int hw, float inv, long long n) {
  GRID_STRIDE(i, n) { dx[i] = df[i / hw] * inv; }
}

// running -= (running - batch)·keep
extern "C" __global__ void running_average_f(float* running, const float* batch, float keep, int n) {
  GRID_STRIDE(i, n) { running[i] -= (running[i] - batch[i]) * keep; }
}

// cuDNN saves 1/sqrt(var + eps); the engine keeps the biased batch variance.
extern "C" __global__ void inv_std_to_var_f(const float* inv, float* var, float eps, int n) {
  GRID_STRIDE(i, n) { var[i] = 1.0f / (inv[i] * inv[i]) - eps; }
}

// Zero padding of N planes h×w into (h+pt+pb)×(w+pl+pr) (cuDNN pads symmetrically only).
extern "C" __global__ void pad_f(const float* x, float* xp, int h, int w, int pt, int pl, int hp, int wp, long long n) {
  GRID_STRIDE(i, n) {
    long long plane = i / ((long long) hp * wp);
    int r = (int) (i % ((long long) hp * wp));
    int y = r / wp - pt;
    int x0 = r % wp - pl;
    xp[i] = (y >= 0 && y < h && x0 >= 0 && x0 < w) ? x[plane * h * w + (long long) y * w + x0] : 0.0f;
  }
}

// The interior of padded planes: the gradient of pad_f.
extern "C" __global__ void crop_f(const float* xp, float* x, int h, int w, int pt, int pl, int hp, int wp, long long n) {
  GRID_STRIDE(i, n) {
    long long plane = i / ((long long) h * w);
    int r = (int) (i % ((long long) h * w));
    x[i] = xp[plane * hp * wp + (long long) (r / w + pt) * wp + (r % w + pl)];
  }
}

// z[b, o] += bias[o] (logits row-major [B, classes])
extern "C" __global__ void bias_add_f(float* z, const float* bias, int classes, long long n) {
  GRID_STRIDE(i, n) { z[i] += bias[i % classes]; }
}

// One head's weighted softmax cross-entropy, one block of 256 threads (fixed reduction order):
// z (logits without bias) is overwritten by dz = w·(softmax(z + bias) − y); out[0] = Σ_b w_b·CE_b with
// p clipped to [1e-10, 1 − 1e-10] for the score (DL4J's MCXENT).
extern "C" __global__ void softmax_xent_f(float* z, const float* bias, const float* labels, const float* weights,
    int batch, int classes, double* out) {
  __shared__ double partial[256];
  double local = 0.0;
  for (int b = threadIdx.x; b < batch; b += blockDim.x) {
    float* row = z + (long long) b * classes;
    const float* y = labels + (long long) b * classes;
    float mx = -3.402823466e38f;
    for (int c = 0; c < classes; c++) {
      row[c] += bias[c];
      mx = fmaxf(mx, row[c]);
    }
    float sum = 0.0f;
    for (int c = 0; c < classes; c++) {
      sum += expf(row[c] - mx);
    }
    float w = weights[b];
    double ce = 0.0;
    for (int c = 0; c < classes; c++) {
      float p = expf(row[c] - mx) / sum;
      float pc = fminf(fmaxf(p, 1e-10f), 1.0f - 1e-10f);
      ce -= (double) y[c] * log((double) pc);
      row[c] = w * (p - y[c]);
    }
    local += w * ce;
  }
  partial[threadIdx.x] = local;
  __syncthreads();
  for (int s = blockDim.x / 2; s > 0; s >>= 1) {
    if (threadIdx.x < s) {
      partial[threadIdx.x] += partial[threadIdx.x + s];
    }
    __syncthreads();
  }
  if (threadIdx.x == 0) {
    out[0] = partial[0];
  }
}

// db[o] = Σ_b dz[b, o], in order of b.
extern "C" __global__ void column_sum_f(const float* dz, float* db, int batch, int classes) {
  GRID_STRIDE(o, classes) {
    float s = 0.0f;
    for (int b = 0; b < batch; b++) {
      s += dz[(long long) b * classes + o];
    }
    db[o] = s;
  }
}

// The fused update over chunks of the trainable segments (chunk k: params offset, momentum offset, length
// at chunks[3k..3k+2]; one block per chunk): g = grad/batch + l2·θ; v' = μ·v − lr·g; θ −= μ·v − (μ+1)·v'
// (DL4J's Nesterov, L2 before the updater); partial[k] = Σθ² of the chunk before the update.
extern "C" __global__ void nesterov_l2_f(float* params, const float* grads, float* momentum, const int* chunks,
    float invBatch, float l2, float lr, float mu, double* partial) {
  __shared__ double sq[256];
  int k = blockIdx.x;
  int p0 = chunks[3 * k], m0 = chunks[3 * k + 1], len = chunks[3 * k + 2];
  double local = 0.0;
  for (int i = threadIdx.x; i < len; i += blockDim.x) {
    float theta = params[p0 + i];
    local += (double) theta * theta;
    float g = grads[p0 + i] * invBatch + l2 * theta;
    float v = momentum[m0 + i];
    float vNew = mu * v - lr * g;
    momentum[m0 + i] = vNew;
    params[p0 + i] = theta - (mu * v - (mu + 1.0f) * vNew);
  }
  sq[threadIdx.x] = local;
  __syncthreads();
  for (int s = blockDim.x / 2; s > 0; s >>= 1) {
    if (threadIdx.x < s) {
      sq[threadIdx.x] += sq[threadIdx.x + s];
    }
    __syncthreads();
  }
  if (threadIdx.x == 0) {
    partial[k] = sq[0];
  }
}

// out[0] = Σ partial[0..n), one block of 256 threads, fixed order.
extern "C" __global__ void sum_partials_f(const double* partial, int n, double* out) {
  __shared__ double s[256];
  double local = 0.0;
  for (int i = threadIdx.x; i < n; i += blockDim.x) {
    local += partial[i];
  }
  s[threadIdx.x] = local;
  __syncthreads();
  for (int k = blockDim.x / 2; k > 0; k >>= 1) {
    if (threadIdx.x < k) {
      s[threadIdx.x] += s[threadIdx.x + k];
    }
    __syncthreads();
  }
  if (threadIdx.x == 0) {
    out[0] = s[0];
  }
}

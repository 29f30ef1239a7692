"""The PyTorch peer of worker-lib's MixMo networks, for bench/compare-pytorch (timing only).

The networks are written here from the definitions in worker-lib (io.mixmo.worker.net.Backbones,
GraphAssembler, MixMoNetworks): M = 2 encoders (3x3 conv, no bias), the mixing block
z = M * sum_m mask_m * enc_m(x_m), the shared core, global average pooling and M linear heads, a
per-example weighted cross-entropy per head, SGD with Nesterov momentum 0.9 and weight decay 6e-4
(DL4J's l2 = 6e-4 adds l2 * W to the gradient, as weight_decay does). Parameter counts equal the
Java networks' (small 62,420; wrn-16-4 2,751,892; wrn-28-10 36,601,416).

  python3 mixmo_torch.py small|wrn-16-4|wrn-28-10 [--batch 64] [--steps 5] [--threads 2]
      [--device cpu|cuda] [--tf32] [--budget-s S]
  python3 mixmo_torch.py conv [--channels 64] [--side 32] [--batch 64] [--threads 2]
Each prints one JSON line. --device cuda (bench/gpu-check): the same step on the GPU in fp32, TF32 off
unless --tf32 (matmul and cuDNN), cuDNN's autotuner on (as PyTorch users run it), every timed step
ended by torch.cuda.synchronize(); --budget-s stops the timed steps early once that many seconds
have passed (at least 2 timed steps). ms_spread: slowest minus fastest timed step.
"""
import argparse, time, json, sys
import torch
import torch.nn as nn
import torch.nn.functional as F

def conv(cin, cout, k, s, p):
    return nn.Conv2d(cin, cout, k, stride=s, padding=p, bias=False)

class BnRelu(nn.Sequential):
    def __init__(self, c):
        super().__init__(nn.BatchNorm2d(c, eps=1e-5, momentum=0.1), nn.ReLU(inplace=False))

class WideBasic(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.pre = BnRelu(cin)
        self.conv1 = conv(cin, cout, 3, 1, 1)
        self.mid = BnRelu(cout)
        self.pad = stride != 1 and cin != cout
        self.conv2 = conv(cout, cout, 3, stride, 1 if stride == 1 else 0)
        self.short = conv(cin, cout, 1, stride, 0) if (stride != 1 or cin != cout) else None
    def forward(self, x):
        h = self.mid(self.conv1(self.pre(x)))
        if self.pad:
            h = F.pad(h, (0, 1, 0, 1))
        h = self.conv2(h)
        return h + (self.short(x) if self.short is not None else x)

def small_core(width=1, depth=3, side=32):
    layers, cin = [], 16
    for b in range(depth):
        cout = (32 if b == 0 else 64) * width
        halved = (side - 1) // 2 + 1
        stride = 2 if halved >= 4 else 1
        side = halved if stride == 2 else side
        layers += [BnRelu(cin), conv(cin, cout, 3, stride, 1)]
        cin = cout
    layers += [BnRelu(cin)]
    return nn.Sequential(*layers), cin

def wrn_core(depth, width):
    n = (depth - 4) // 6
    cin, layers = 16, []
    for s, w in enumerate([16 * width, 32 * width, 64 * width]):
        for b in range(n):
            layers.append(WideBasic(cin, w, 2 if s > 0 and b == 0 else 1))
            cin = w
    layers.append(BnRelu(cin))
    return nn.Sequential(*layers), cin

class MixMo(nn.Module):
    def __init__(self, core, dim, members=2, classes=10):
        super().__init__()
        self.members = members
        self.enc = nn.ModuleList([conv(3, 16, 3, 1, 1) for _ in range(members)])
        self.core = core
        self.heads = nn.ModuleList([nn.Linear(dim, classes) for _ in range(members)])
    def forward(self, xs, masks):
        z = sum(m * e(x) for e, x, m in zip(self.enc, xs, masks)) * self.members
        f = F.adaptive_avg_pool2d(self.core(z), 1).flatten(1)
        return [h(f) for h in self.heads]

def build(name, members=2, classes=10):
    if name == "small":
        core, dim = small_core()
    else:
        _, d, w = name.split("-")
        core, dim = wrn_core(int(d), int(w))
    return MixMo(core, dim, members, classes)

def conv_bench(a):
    """One C->C 3x3 pad-1 convolution: forward, and forward + backward (input and weight gradients)."""
    x = torch.randn(a.batch, a.channels, a.side, a.side, requires_grad=True)
    conv = nn.Conv2d(a.channels, a.channels, 3, padding=1, bias=False)
    g = torch.randn(a.batch, a.channels, a.side, a.side)
    best_f = best_fb = float("inf")
    for r in range(6):
        t = time.perf_counter()
        for _ in range(a.reps):
            with torch.no_grad():
                conv(x)
        f = (time.perf_counter() - t) * 1000 / a.reps
        t = time.perf_counter()
        for _ in range(a.reps):
            x.grad = None; conv.weight.grad = None
            conv(x).backward(g)
        fb = (time.perf_counter() - t) * 1000 / a.reps
        if r > 0:
            best_f, best_fb = min(best_f, f), min(best_fb, fb)
    print(json.dumps({"conv": a.channels, "side": a.side, "batch": a.batch, "threads": a.threads,
                      "fwd_ms": round(best_f, 2), "fwd_bwd_ms": round(best_fb, 2), "torch": torch.__version__}))

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("network"); ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--steps", type=int, default=5); ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--channels", type=int, default=64); ap.add_argument("--side", type=int, default=32)
    ap.add_argument("--reps", type=int, default=10)
    ap.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    ap.add_argument("--tf32", action="store_true")
    ap.add_argument("--budget-s", type=float, default=0.0)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    dev = torch.device(a.device)
    if a.device == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = a.tf32
        torch.backends.cudnn.allow_tf32 = a.tf32
        torch.backends.cudnn.benchmark = True
    if a.network == "conv":
        conv_bench(a)
        return
    torch.manual_seed(0)
    net = build(a.network).to(dev)
    opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9, nesterov=True, weight_decay=6e-4)
    B, M = a.batch, 2
    xs = [torch.randn(B, 3, 32, 32).to(dev) for _ in range(M)]
    masks = [torch.full((B, 1, 32, 32), 1.0 / M).to(dev) for _ in range(M)]
    ys = [torch.randint(0, 10, (B,)).to(dev) for _ in range(M)]
    ws = [torch.ones(B).to(dev) for _ in range(M)]
    sync = torch.cuda.synchronize if a.device == "cuda" else (lambda: None)
    def step():
        opt.zero_grad(set_to_none=True)
        logits = net(xs, masks)
        loss = sum((F.cross_entropy(l, y, reduction="none") * w).mean() for l, y, w in zip(logits, ys, ws))
        loss.backward(); opt.step()
        return loss.item()
    step(); sync()
    if a.device == "cuda":
        step(); sync()  # the autotuner's first pass is done by now
    t = time.perf_counter(); c = time.process_time()
    times = []
    for i in range(a.steps):
        s0 = time.perf_counter()
        loss = step(); sync()
        times.append((time.perf_counter() - s0) * 1000)
        if a.budget_s > 0 and i >= 1 and time.perf_counter() - t > a.budget_s:
            break
    n = len(times)
    wall = (time.perf_counter() - t) * 1000 / n
    cpu = (time.process_time() - c) * 1000 / n
    out = {"network": a.network, "batch": B, "threads": a.threads, "ms_wall": round(wall, 1),
           "ms_cpu": round(cpu, 1), "loss": round(loss, 3), "torch": torch.__version__, "device": a.device}
    if a.device == "cuda":
        out.update({"steps": n, "ms_spread": round(max(times) - min(times), 2), "tf32": a.tf32,
                    "images_per_s": round(B * 1000 / wall, 1), "gpu": torch.cuda.get_device_name(0)})
    print(json.dumps(out))

if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""A BCOP convolutional critic with a dense Bjorck + MaxMin head on the funnel-easy pair at d = 784: does a head of
global non-linear layers after the convolutions bring the certified critic closer to the exact W1 than the single
linear output row of the project's quick critic?

Pair, split, minibatches, optimiser and report are those of dense_funnel_critic.py (imported from beside this file:
load, construct, u_of and its Critic class, used here as the head). Critic: the 784 vector reshaped to 1x28x28, the
conv stages of the project's quick critic built from the paper authors' layers (zero-pad to 32x32, three stages of
pixel-unshuffle 2 -> BCOP kernel 2 (16, 32, 64 channels) -> MaxMin; BCOP orthogonalises its own matrices by 20 Bjorck
iterations in every forward, as the authors' code does), flattened to 64*4*4 = 1024 features, then H hidden dense
layers of width W (Bjorck, projected parametrisation: 3 iterations in the forward, 2 projection steps after each Adam
step) with MaxMin, then a unit-norm output row v/|v|. H = 0 gives the quick critic's head (its BjorckLinear 1024 -> 1
is a single row, which Bjorck's iteration turns into v/|v|; here it is v/|v| exactly). P and Q minibatches go through one
forward (cat), so BCOP's kernels are computed once per step.

Certification after training, in float64: the BCOP kernels recomputed by the authors' forward (20 Bjorck iterations),
each conv's operator norm taken exactly as the max singular value over all frequencies of the per-frequency channel
matrix of the circular kernel (the authors' conv_singular_values_numpy, FFT at the layer's input size; BCOP pads
cyclically, so this is the operator the layer computes); dense layers from 25 Bjorck iterations on norm-scaled weights
and numpy's SVD (as dense_funnel_critic.py); zero padding, pixel-unshuffle and MaxMin are 1-Lipschitz. The held-out
estimate, cos and slope are computed with these float64 weights.

usage (from the repository root; LCONVNET = a checkout of the authors' code, github.com/ColinQiyangLi/LConvNet, MIT
licence, whose `lconvnet` package needs `einops` importable: pip's, or a module whose `rearrange` does the one
pattern "b c (w k1) (h k2) -> b (c k1 k2) w h", i.e. torch.nn.functional.pixel_unshuffle):
  PYTHONPATH=$LCONVNET OMP_NUM_THREADS=1 \
    /usr/bin/python3 scripts/reference/conv_head_funnel_critic.py SEED H W STEPS [BATCH] [EVAL_EVERY] [CHANS]
  e.g. ... 1 2 256 1000      (SIDE is fixed at 28; BATCH 256 P + 256 Q by default; EVAL_EVERY 250; CHANS the three
  stages' channel counts, default 16,32,64 as the quick critic; 16,64,256 makes every stage after the first square, so
  the linearised conv stack is an isometry instead of discarding half its input at stages 2 and 3)
Needs Debian python3-torch and python3-numpy. One thread (torch.set_num_threads(1)).
"""
import sys, os, time
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dense_funnel_critic import load, construct, u_of, Critic, float_tensors  # noqa: E402
from lconvnet.layers.utils import conv_singular_values_numpy      # noqa: E402
from lconvnet.utils import streamline_model                       # noqa: E402
from lconvnet.layers import LipschitzConv2d, BCOP, BjorckLinear, GroupSort  # noqa: E402
from functools import partial                                     # noqa: E402
torch.set_num_threads(1)
T0 = time.time(); C0 = time.process_time()


class ConvHeadCritic(torch.nn.Module):
    def __init__(self, H, W, chans=(16, 32, 64)):
        super().__init__()
        conv_module = partial(LipschitzConv2d,
                              conv_module=partial(BCOP, ortho_mode="bjorck", mask_half=True, projection=False))

        def convs(ch):
            ch = [1] + list(ch)
            return torch.nn.ModuleList(conv_module(in_channels=ch[i], out_channels=ch[i + 1], kernel_size=4,
                                                   stride=2, padding=1) for i in range(len(ch) - 1))
        # The quick critic's layers in its construction order (convs, then its BjorckLinear(1024 -> 1), unused here),
        # so that the random initialisation of a seed is the one the measurements in docs/results.md started from.
        self.pad, self.convs, self.act = 2, convs((16, 32, 64)), GroupSort(group_size=2, axis=1, new_impl=True)
        BjorckLinear(in_features=1024, out_features=1)
        if tuple(chans) != (16, 32, 64):                              # same layers, other channel counts
            self.convs = convs(chans)
        feat = chans[-1] * (32 // 2 ** len(chans)) ** 2
        self.head = Critic(feat, W if H > 0 else feat, H)
    def features(self, x):
        x = x.view(-1, 1, 28, 28)
        x = torch.nn.functional.pad(x, (self.pad,) * 4)
        for c in self.convs:
            x = self.act(c(x))
        return x.flatten(start_dim=1)
    def forward(self, x, Ws):
        return self.head(self.features(x), Ws)


def chunked(net, Z, Ws, n=1000):
    return torch.cat([net(Z[i:i + n], Ws) for i in range(0, len(Z), n)])


def main():
    seed, H, W, steps = map(int, sys.argv[1:5])
    batch = int(sys.argv[5]) if len(sys.argv) > 5 else 256
    every = int(sys.argv[6]) if len(sys.argv) > 6 else 250
    chans = tuple(int(c) for c in sys.argv[7].split(',')) if len(sys.argv) > 7 else (16, 32, 64)
    X = load(28)
    n, d = X.shape
    C, b, k, tau, TX = construct(X, seed)
    uP, uQ = u_of(X, C, b), u_of(TX, C, b)
    w1 = np.mean(tau * np.linalg.norm(X - C[k], axis=1))
    print(f'== conv(quick critic BCOP {"/".join(map(str, chans))}) + head H={H} W={W if H else "-"} seed {seed} steps {steps} batch {batch}')
    rng = np.random.default_rng(1000 + seed)
    perm = rng.permutation(n); ntr = int(0.7 * n)
    tr, te = perm[:ntr], perm[ntr:]
    w1_te = np.mean(tau[te] * np.linalg.norm(X[te] - C[k[te]], axis=1))
    u_te = uP[te].mean() - uQ[te].mean()
    print(f'exact W1 = {w1:.6f}; held-out exact W1 (30%, n={len(te)}) = {w1_te:.6f}; oracle u on held-out = {u_te:.6f}', flush=True)
    if steps <= 0:
        return
    torch.manual_seed(seed)
    Ptr, Qtr, Pte, Qte = float_tensors(X, TX, tr, te)
    net = ConvHeadCritic(H, W, chans)
    print(f'  parameters: convs {sum(p.numel() for p in net.convs.parameters() if p.requires_grad)}, '
          f'head {sum(p.numel() for p in net.head.parameters())}', flush=True)
    opt = torch.optim.Adam([p for p in net.parameters() if p.requires_grad], lr=1e-3)
    lr_end = 1e-5
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda t: (lr_end / 1e-3) ** (t / steps))
    FWD_IT = 3
    g = torch.Generator().manual_seed(seed)
    t_train = 0.0
    for t in range(1, steps + 1):
        s0 = time.time()
        ip = torch.randint(0, ntr, (batch,), generator=g); iq = torch.randint(0, ntr, (batch,), generator=g)
        Ws = net.head.weights(FWD_IT, scale=False)
        y = net(torch.cat([Ptr[ip], Qtr[iq]]), Ws)
        loss = -(y[:batch].mean() - y[batch:].mean())
        opt.zero_grad(); loss.backward(); opt.step(); sched.step()
        net.head.project(2)
        t_train += time.time() - s0
        if t % every == 0 or t == steps:
            with torch.no_grad():
                Ws = net.head.weights(FWD_IT, scale=False)
                va = (chunked(net, Pte, Ws).mean() - chunked(net, Qte, Ws).mean()).item()
            print(f'  step {t:6d} lr {sched.get_last_lr()[0]:.2e} held-out {va:.5f} ({100*(1-va/w1_te):.2f}% below held-out exact)'
                  f'  {t_train/t:.3f} s/step  wall {time.time()-T0:.0f}s', flush=True)
    kern32 = [c.conv.weight.detach().double() for c in net.convs]
    # final: float64, BCOP kernels by the authors' forward, dense head by 25 Bjorck iterations on norm-scaled weights
    net = net.double()
    with torch.no_grad():
        Ws = net.head.weights(25, scale=True)
        Ws_train = net.head.weights(FWD_IT, scale=False)
        dev = max([(a - b_).abs().max().item() for a, b_ in zip(Ws, Ws_train)] + [0.0])
        streamline_model(net, True)       # BCOP computes its kernel at the next forward and keeps it (float64)
        net.features(torch.zeros(1, d, dtype=torch.float64))
    kern = [c.conv.buffer_weight.detach() for c in net.convs]
    kdev = max((a - b_).abs().max().item() for a, b_ in zip(kern, kern32))
    conv_sv = [conv_singular_values_numpy(kk.numpy(), c.conv._input_shape) for kk, c in zip(kern, net.convs)]
    sn_conv = [float(s.max()) for s in conv_sv]
    smin_conv = [float(s.min()) for s in conv_sv]
    sn = [np.linalg.svd(Wm.detach().numpy(), compute_uv=False)[0] for Wm in Ws]
    L = float(np.prod(sn_conv) * np.prod(sn))
    P64 = torch.tensor(X[te]); Q64 = torch.tensor(TX[te])
    with torch.no_grad():
        fP, fQ = chunked(net, P64, Ws).squeeze(1), chunked(net, Q64, Ws).squeeze(1)
        est = (fP.mean() - fQ.mean()).item()
        est_tr = (chunked(net, torch.tensor(X[tr]), Ws).mean() - chunked(net, torch.tensor(TX[tr]), Ws).mean()).item()
    gf = []
    for i in range(0, len(te), 500):
        Pg = P64[i:i + 500].clone().requires_grad_(True)
        (gi,) = torch.autograd.grad(net(Pg, Ws).sum(), Pg)
        gf.append(gi.numpy())
    gf = np.concatenate(gf)
    gu = X[te] - C[k[te]]; gu /= np.linalg.norm(gu, axis=1, keepdims=True)
    gn = np.linalg.norm(gf, axis=1)
    cos = (gf * gu).sum(1) / np.maximum(gn, 1e-12)
    slope = (fP - fQ).numpy() / np.linalg.norm(X[te] - TX[te], axis=1)
    w1_tr = np.mean(tau[tr] * np.linalg.norm(X[tr] - C[k[tr]], axis=1))
    print(f'RESULT seed {seed} H {H} W {W if H else "-"} steps {steps}: exact W1 {w1:.6f} held-out exact {w1_te:.6f} | '
          f'critic held-out {est:.6f} ({100*(1-est/w1_te):.2f}% below held-out exact; {100*(1-est/w1):.2f}% below full exact) | '
          f'train {est_tr:.6f} ({100*(1-est_tr/w1_tr):.2f}% below train exact)')
    print(f'  certified L = {L:.8f}: conv operator norms (FFT, input sizes {[tuple(c.conv._input_shape) for c in net.convs]}) '
          f'{["%.8f" % s for s in sn_conv]} (sigma_min {["%.6f" % s for s in smin_conv]}); dense/output {["%.7f" % s for s in sn]}; '
          f'max |W_full - W_train| dense {dev:.2e}, BCOP kernel float64 vs float32 {kdev:.2e}')
    print(f'  held-out P: mean |grad f| = {gn.mean():.4f} (min {gn.min():.4f}, median {np.median(gn):.4f}); '
          f'mean cos(grad f, grad u) = {cos.mean():.4f} (median {np.median(cos):.4f}, 10th pct {np.percentile(cos,10):.4f}); '
          f'mean slope (f(x)-f(Tx))/|x-Tx| = {slope.mean():.4f}')
    print(f'  train {t_train:.1f}s = {t_train/steps:.3f} s/step; wall {time.time()-T0:.1f}s cpu {time.process_time()-C0:.1f}s', flush=True)


if __name__ == '__main__':
    main()

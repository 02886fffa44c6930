#!/usr/bin/python3
"""A dense 1-Lipschitz critic on the funnel-easy construction, in torch: how close a critic with global non-linear
layers gets to the exact W1, beside the convolutional critics of `w1 compare` (docs/results.md, c1, "What limits the
certified critics on the funnel pairs").

The pair is built here again with numpy, by the same recipe as the datasets module's FunnelPair (K = 4 apexes uniform
in [0, 1]^d, b_k = -median_i |x_i - c_k|, tau ~ U[0.1, 0.2], T(x) = x + tau (c_k - x)) but with numpy's own random
draws, so it is a statistically equivalent pair, not the same one. Base: the bundled MNIST test set at 28x28 (d = 784)
or block-averaged to 7x7 (d = 49, each pixel the mean of a 4x4 block rounded to 8 bits, as scripts/funnel-dimensions.sh
writes it). Critic: dense layers orthonormalised by Bjorck's iteration (kept orthonormal after every Adam step by two
projection steps, three iterations inside the forward pass), MaxMin between them, a unit-norm last row; certified
after training from 25 float64 Bjorck iterations on norm-scaled weights and numpy's SVD. Trained on 70 % of the
pairs with independent P and Q minibatches, reported on the other 30 %.

usage: /usr/bin/python3 scripts/reference/dense_funnel_critic.py SIDE SEED WIDTH DEPTH STEPS [BATCH] [EVAL_EVERY]
       e.g. ... 28 1 256 3 4000   (about 5 minutes on one core; SIDE 7 about 2)
Needs Debian python3-torch and python3-numpy. One thread (torch.set_num_threads(1)).
"""
import sys, os, time, glob
import numpy as np
import torch
torch.set_num_threads(1)
T0 = time.time(); C0 = time.process_time()

MNIST = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'datasets', 'src', 'main', 'resources',
                     'dev', 'lipschitzw1', 'datasets', 'mnist', 't10k-images-idx3-ubyte.gz')


def load(side):
    import gzip
    with gzip.open(MNIST, 'rb') as fh:
        buf = fh.read()
    magic, n, r, c = np.frombuffer(buf[:16], dtype='>u4')
    assert magic == 2051 and r == 28 and c == 28, (magic, n, r, c)
    X = np.frombuffer(buf[16:16 + int(n) * 784], dtype=np.uint8).reshape(int(n), 28, 28).astype(np.float64)
    if side != 28:
        b = 28 // side
        X = np.rint(X.reshape(int(n), side, b, side, b).mean(axis=(2, 4)))
    return X.reshape(int(n), side * side) / 255.0

def construct(X, seed, K=4):
    rng = np.random.default_rng(seed)
    n, d = X.shape
    C = rng.uniform(0, 1, size=(K, d))
    D = np.linalg.norm(X[:, None, :] - C[None], axis=2)          # n x K
    b = -np.median(D, axis=0)
    F = D + b
    k = np.argmin(F, axis=1)                                      # ties -> smallest k
    tau = rng.uniform(0.1, 0.2, size=n)
    Ck = C[k]
    TX = X + tau[:, None] * (Ck - X)
    return C, b, k, tau, TX

def u_of(Z, C, b):
    return (np.linalg.norm(Z[:, None, :] - C[None], axis=2) + b).min(axis=1)

def bjorck(W, iters, scale=True):
    if scale:
        W = W / torch.sqrt(W.abs().sum(0).max() * W.abs().sum(1).max())
    tall = W.shape[0] >= W.shape[1]
    for _ in range(iters):
        if tall:
            W = W @ (1.5 * torch.eye(W.shape[1], dtype=W.dtype) - 0.5 * W.T @ W)
        else:
            W = (1.5 * torch.eye(W.shape[0], dtype=W.dtype) - 0.5 * W @ W.T) @ W
    return W

def float_tensors(X, TX, tr, te):
    """P and Q of the training and held-out indices as float32 tensors: Ptr, Qtr, Pte, Qte."""
    f = lambda A: torch.tensor(A, dtype=torch.float32)
    return f(X[tr]), f(TX[tr]), f(X[te]), f(TX[te])

def maxmin(h):
    a, b_ = h[:, 0::2], h[:, 1::2]
    return torch.cat([torch.maximum(a, b_), torch.minimum(a, b_)], dim=1)

class Critic(torch.nn.Module):
    def __init__(self, d, width, depth):
        super().__init__()
        dims = [d] + [width] * depth
        self.V = torch.nn.ParameterList()
        self.B = torch.nn.ParameterList()
        for i in range(depth):
            W = torch.empty(dims[i + 1], dims[i]); torch.nn.init.orthogonal_(W)
            self.V.append(torch.nn.Parameter(W)); self.B.append(torch.nn.Parameter(torch.zeros(dims[i + 1])))
        self.v = torch.nn.Parameter(torch.randn(1, width) / width ** 0.5)
        self.c = torch.nn.Parameter(torch.zeros(1))
        self.Weff = None
    def weights(self, iters, scale):
        Ws = [bjorck(V, iters, scale) for V in self.V]
        Ws.append(self.v / self.v.norm())
        return Ws
    def forward(self, x, Ws):
        h = x
        for i, V in enumerate(self.V):
            h = h @ Ws[i].T + self.B[i]
            h = maxmin(h)
        return h @ Ws[-1].T + self.c
    @torch.no_grad()
    def project(self, iters=2):
        for V in self.V:
            V.copy_(bjorck(V, iters, scale=False))

def main():
    side, seed, width, depth, steps = map(int, sys.argv[1:6])
    assert side in (7, 28), 'SIDE must be 7 or 28'
    batch = int(sys.argv[6]) if len(sys.argv) > 6 else 256
    every = int(sys.argv[7]) if len(sys.argv) > 7 else 250
    X = load(side)
    n, d = X.shape
    C, b, k, tau, TX = construct(X, seed)
    uP, uQ = u_of(X, C, b), u_of(TX, C, b)
    w1 = np.mean(tau * np.linalg.norm(X - C[k], axis=1))
    print(f'== seed {seed} width {width} depth {depth} steps {steps} batch {batch}')
    print(f'exact W1 = {w1:.6f}; mean u(P)-mean u(Q) = {uP.mean()-uQ.mean():.6f}; diff = {abs(w1-(uP.mean()-uQ.mean())):.2e}; '
          f'cell sizes {np.bincount(k, minlength=4).tolist()}; assignment preserved by T: {np.mean(np.argmin(np.linalg.norm(TX[:,None]-C[None],axis=2)+b,axis=1)==k):.4f}')
    rng = np.random.default_rng(1000 + seed)
    perm = rng.permutation(n); ntr = int(0.7 * n)
    tr, te = perm[:ntr], perm[ntr:]
    w1_te = np.mean(tau[te] * np.linalg.norm(X[te] - C[k[te]], axis=1))
    u_te = uP[te].mean() - uQ[te].mean()
    lin_all = np.linalg.norm((X - TX).mean(0))
    wlin = (X[tr] - TX[tr]).mean(0); wlin /= np.linalg.norm(wlin)
    lin_te = np.linalg.norm((X[te] - TX[te]).mean(0))
    lin_te_trdir = ((X[te] - TX[te]) @ wlin).mean()
    print(f'held-out exact W1 (30%, n={len(te)}) = {w1_te:.6f}; oracle u on held-out = {u_te:.6f} ({100*(u_te/w1_te-1):+.3f}% vs held-out exact, {100*(u_te/w1-1):+.2f}% vs full exact)')
    print(f'linear oracle: all pairs {lin_all:.6f} ({100*lin_all/w1:.1f}% of exact, {100*(1-lin_all/w1):.1f}% below); '
          f'held-out {lin_te:.6f} ({100*lin_te/w1_te:.1f}% of held-out exact); train-fitted direction on held-out {lin_te_trdir:.6f} ({100*lin_te_trdir/w1_te:.1f}%)')
    aff_all = sum(np.linalg.norm((X[k == j] - TX[k == j]).sum(0)) for j in range(len(C))) / n
    aff_te = sum(np.linalg.norm((X[te][k[te] == j] - TX[te][k[te] == j]).sum(0)) for j in range(len(C))) / len(te)
    print(f'per-funnel-affine ceiling: all pairs {aff_all:.6f} ({100*aff_all/w1:.2f}% of exact, {100*(1-aff_all/w1):.2f}% below); '
          f'held-out (own sums) {aff_te:.6f} ({100*aff_te/w1_te:.2f}% of held-out exact)', flush=True)
    if steps <= 0:
        return
    torch.manual_seed(seed)
    Ptr, Qtr, Pte, Qte = float_tensors(X, TX, tr, te)
    net = Critic(d, width, depth)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    lr_end = 1e-5
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda t: (lr_end / 1e-3) ** (t / steps))
    FWD_IT = 3
    g = torch.Generator().manual_seed(seed)
    best = -1e9
    for t in range(1, steps + 1):
        ip = torch.randint(0, ntr, (batch,), generator=g); iq = torch.randint(0, ntr, (batch,), generator=g)
        Ws = net.weights(FWD_IT, scale=False)
        loss = -(net(Ptr[ip], Ws).mean() - net(Qtr[iq], Ws).mean())
        opt.zero_grad(); loss.backward(); opt.step(); sched.step()
        net.project(2)
        if t % every == 0 or t == steps:
            with torch.no_grad():
                Ws = net.weights(FWD_IT, scale=False)
                va = (net(Pte, Ws).mean() - net(Qte, Ws).mean()).item()
                trv = (net(Ptr, Ws).mean() - net(Qtr, Ws).mean()).item()
            print(f'  step {t:6d} lr {sched.get_last_lr()[0]:.2e} train {trv:.5f} held-out {va:.5f} ({100*(1-va/w1_te):.2f}% below held-out exact)  wall {time.time()-T0:.0f}s', flush=True)
    # final: full Bjorck from norm-scaled weights (recipe), float64, certify with numpy SVD
    net = net.double()
    with torch.no_grad():
        Ws = net.weights(25, scale=True)
        Ws_train = net.weights(FWD_IT, scale=False)
        dev = max((a - b_).abs().max().item() for a, b_ in zip(Ws, Ws_train))
    sn = [np.linalg.svd(W.detach().numpy(), compute_uv=False)[0] for W in Ws]
    smin = [np.linalg.svd(W.detach().numpy(), compute_uv=False)[-1] for W in Ws[:-1]]
    L = float(np.prod(sn))
    P64 = torch.tensor(X[te]); Q64 = torch.tensor(TX[te])
    with torch.no_grad():
        est = (net(P64, Ws).mean() - net(Q64, Ws).mean()).item()
        est_tr = (net(torch.tensor(X[tr]), Ws).mean() - net(torch.tensor(TX[tr]), Ws).mean()).item()
        est_all = (net(torch.tensor(X), Ws).mean() - net(torch.tensor(TX), Ws).mean()).item()
    Pg = P64.clone().requires_grad_(True)
    f = net(Pg, Ws).sum(); (gf,) = torch.autograd.grad(f, Pg)
    gf = gf.numpy()
    gu = X[te] - C[k[te]]; gu /= np.linalg.norm(gu, axis=1, keepdims=True)
    gn = np.linalg.norm(gf, axis=1)
    cos = (gf * gu).sum(1) / np.maximum(gn, 1e-12)
    # slope along the actual transport direction: (f(x)-f(Tx)) / |x-Tx|
    with torch.no_grad():
        slope = ((net(P64, Ws) - net(Q64, Ws)).squeeze(1).numpy() / np.linalg.norm(X[te] - TX[te], axis=1))
    print(f'RESULT seed {seed} width {width} depth {depth} steps {steps}: exact W1 {w1:.6f} held-out exact {w1_te:.6f} | '
          f'critic held-out {est:.6f} ({100*(1-est/w1_te):.2f}% below held-out exact; {100*(1-est/w1):.2f}% below full exact) | '
          f'train {est_tr:.6f} ({100*(1-est_tr/np.mean(tau[tr]*np.linalg.norm(X[tr]-C[k[tr]],axis=1))):.2f}% below train exact) all {est_all:.6f} ({100*(1-est_all/w1):.2f}% below)')
    print(f'  certified L = prod sigma_max = {L:.8f} (per layer {["%.7f"%s for s in sn]}; sigma_min of dense layers {["%.7f"%s for s in smin]}); '
          f'max |W_full - W_train| = {dev:.2e}')
    print(f'  held-out P: mean |grad f| = {gn.mean():.4f} (min {gn.min():.4f}, median {np.median(gn):.4f}); mean cos(grad f, grad u) = {cos.mean():.4f} (median {np.median(cos):.4f}, 10th pct {np.percentile(cos,10):.4f}); '
          f'mean slope (f(x)-f(Tx))/|x-Tx| = {slope.mean():.4f}')
    print(f'  wall {time.time()-T0:.1f}s cpu {time.process_time()-C0:.1f}s', flush=True)

if __name__ == '__main__':
    main()

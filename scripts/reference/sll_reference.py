#!/usr/bin/python3
"""Reference outputs of an SLL convolution (Araujo et al., ICLR 2023) on small fixed weights, in float64 with torch.

The authors' SDPBasedLipschitzConvLayer with circular padding, written independently of the Java code (A^T by
autograd, the exact adjoint of the padded convolution):
    G = conv2d(K, K, padding=k-1)                  # [inner, inner, 2k-1, 2k-1], the kernel of A A^T
    H_ij = sum_delta |G[i, j, delta]|,  q = exp(theta),  t_i = sum_j H_ij q_j / q_i
    z = x - 2 A^T (relu(A x + b) / t),   A x = conv2d(pad_circular(x, b before, k-1-b after), K)
    y = z zero-padded or truncated to cout channels
Weights and inputs are closed-form so that the Java test rebuilds them exactly.
Prints the Java array literals pasted into SllConv2dTest. Run: /usr/bin/python3 scripts/reference/sll_reference.py
"""
import math

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def kernel(inner, cin, k):
    return torch.tensor([[[[0.5 * math.sin(1 + i + 2 * c + 3 * p + 5 * q) for q in range(k)] for p in range(k)]
                          for c in range(cin)] for i in range(inner)])


def image(cin, h, w):
    return torch.tensor([[[[math.cos(0.3 + c + 0.7 * i + 1.3 * j) for j in range(w)] for i in range(h)]
                          for c in range(cin)]])


def sll(cin, cout, k, h, w):
    inner = cin
    K = kernel(inner, cin, k)
    theta = torch.tensor([0.3 * i - 0.2 for i in range(inner)])
    b = torch.tensor([0.1 * (i + 1) for i in range(inner)])
    H = F.conv2d(K, K, padding=k - 1).abs().sum(dim=(2, 3))
    q = theta.exp()
    t = (H * q[None, :]).sum(dim=1) / q
    lo = k // 2

    def conv(v):
        return F.conv2d(F.pad(v, (lo, k - 1 - lo, lo, k - 1 - lo), mode="circular"), K)

    x = image(cin, h, w)
    r = torch.relu(conv(x) + b[None, :, None, None]) / t[None, :, None, None]
    probe = torch.zeros_like(x, requires_grad=True)
    (adjoint,) = torch.autograd.grad((conv(probe) * r).sum(), probe)
    z = x - 2 * adjoint
    if cout > cin:
        z = F.pad(z, (0, 0, 0, 0, 0, cout - cin))
    return z[:, :cout].flatten()


def literal(name, values):
    body = ", ".join(repr(float(v)) for v in values)
    return f"    private static final double[] {name} = {{{body}}};"


if __name__ == "__main__":
    print(literal("SLL_3_TO_2_K2_4X5", sll(3, 2, 2, 4, 5)))
    print(literal("SLL_2_TO_3_K3_5X4", sll(2, 3, 3, 5, 4)))

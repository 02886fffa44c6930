#!/usr/bin/python3
"""Reference outputs of an AOL convolution (Prach & Lampert, ECCV 2022) on small fixed weights, in float64 with torch.

The formula, written independently of the Java code (Gram kernel by torch's conv2d, circular padding by F.pad):
    G = conv2d(Kt, Kt, padding=k-1),  Kt = K.transpose(0, 1)     # [cin, cin, 2k-1, 2k-1], the kernel of K^T K
    d_c = (sum_{c', dy, dx} |G[c, c', dy, dx]|)^(-1/2)
    y = conv2d(pad_circular(x, b before, k-1-b after), K * d[None, :, None, None]) + bias,   b = k // 2
Weights and inputs are closed-form (sines and cosines) so that the Java test rebuilds them exactly.
Prints the Java array literals pasted into AolConv2dTest. Run: /usr/bin/python3 scripts/reference/aol_reference.py
"""
import math

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def kernel(cout, cin, k):
    return torch.tensor([[[[0.5 * math.sin(1 + o + 2 * c + 3 * p + 5 * q) for q in range(k)] for p in range(k)]
                          for c in range(cin)] for o in range(cout)])


def image(cin, h, w):
    return torch.tensor([[[[math.cos(0.3 + c + 0.7 * i + 1.3 * j) for j in range(w)] for i in range(h)]
                          for c in range(cin)]])


def bias(cout):
    return torch.tensor([0.1 * (o + 1) for o in range(cout)])


def aol(cin, cout, k, h, w):
    K = kernel(cout, cin, k)
    Kt = K.transpose(0, 1)
    G = F.conv2d(Kt, Kt, padding=k - 1)
    d = G.abs().sum(dim=(1, 2, 3)).pow(-0.5)
    b = k // 2
    x = F.pad(image(cin, h, w), (b, k - 1 - b, b, k - 1 - b), mode="circular")
    return F.conv2d(x, K * d[None, :, None, None], bias(cout)).flatten()


def literal(name, values):
    body = ", ".join(repr(float(v)) for v in values)
    return f"    private static final double[] {name} = {{{body}}};"


if __name__ == "__main__":
    print(literal("AOL_2_TO_3_K2_4X5", aol(2, 3, 2, 4, 5)))
    print(literal("AOL_3_TO_2_K3_5X4", aol(3, 2, 3, 5, 4)))

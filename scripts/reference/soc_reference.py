#!/usr/bin/python3
"""Reference outputs of a skew-orthogonal convolution (Singla & Feizi, ICML 2021) on small fixed weights, float64 torch.

The authors' forward pass (their SOC module, circular padding), with the skew kernel scaled by its l1 operator norm
(this toolkit's stateless bound of the spectral norm, docs/decisions.md 50) instead of their power-iteration estimate:
    S0 = K - transpose_filter(K),   transpose_filter(K) = flip(K.transpose(0, 1), [2, 3])
    sigma = max_i sum_{o,p,q} |S0[o, i, p, q]|,   S = correction * S0 / sigma
    z = x zero-padded to c = max(cin, cout) channels;  y = z;  for i in 1..T: z = conv2d(pad_circular(z), S) / i;  y += z
    out = y[:, :cout] + bias
Weights K (c x c x k x k, k odd) and inputs are closed-form so that the Java test rebuilds them exactly.
Prints the Java array literals pasted into SocConv2dTest. Run: /usr/bin/python3 scripts/reference/soc_reference.py
"""
import math

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def kernel(c, k):
    return torch.tensor([[[[0.5 * math.sin(1 + o + 2 * i + 3 * p + 5 * q) for q in range(k)] for p in range(k)]
                          for i in range(c)] for o in range(c)])


def image(cin, h, w):
    return torch.tensor([[[[math.cos(0.3 + c + 0.7 * i + 1.3 * j) for j in range(w)] for i in range(h)]
                          for c in range(cin)]])


def bias(cout):
    return torch.tensor([0.1 * (o + 1) for o in range(cout)])


def soc(cin, cout, k, h, w, terms, correction=0.7):
    c = max(cin, cout)
    K = kernel(c, k)
    S0 = K - torch.flip(K.transpose(0, 1), [2, 3])
    sigma = S0.abs().sum(dim=(0, 2, 3)).max()
    S = correction * S0 / sigma
    z = F.pad(image(cin, h, w), (0, 0, 0, 0, 0, c - cin))
    y = z.clone()
    b = k // 2
    for i in range(1, terms + 1):
        z = F.conv2d(F.pad(z, (b, b, b, b), mode="circular"), S) / i
        y = y + z
    return (y[:, :cout] + bias(cout)[None, :, None, None]).flatten()


def literal(name, values):
    body = ", ".join(repr(float(v)) for v in values)
    return f"    private static final double[] {name} = {{{body}}};"


if __name__ == "__main__":
    print(literal("SOC_2_TO_3_K3_4X5_T3", soc(2, 3, 3, 4, 5, 3)))
    print(literal("SOC_3_TO_2_K3_5X4_T12", soc(3, 2, 3, 5, 4, 12)))

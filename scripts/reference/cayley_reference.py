#!/usr/bin/python3
"""Reference outputs of a Cayley convolution (Trockman & Kolter, ICLR 2021) on small fixed weights, float64 torch.

The authors' construction with torch.fft (independent of the Java code, which writes the DFT out as sums):
    What(w) = sum_{p,q} W[:, :, p, q] e^{+2 pi i (w_y (p-b) + w_x (q-b)) / n}   (the symbol of our "same" conv, b = k//2)
            = conj(fft2(W, (n, n))) * e^{-2 pi i (w_y + w_x) b / n}
    Q(w) = cayley(alpha * What(w) / ||What||_F),  cayley(Z) = [(I+A)^-1 (I-A); -2 V (I+A)^-1],  A = U - U^H + V^H V
           for Z = [U; V] tall (cout >= cin), cayley(Z^T)^T for wide Z
    y = real(ifft2(Q(w) fft2(x)(w))) + bias
Weights and inputs are closed-form; alpha = 1.3 ||What||_F. Prints the Java literals pasted into CayleyConv2dTest.
Run: /usr/bin/python3 scripts/reference/cayley_reference.py
"""
import math

import torch

torch.set_default_dtype(torch.float64)


def kernel(cout, cin, k):
    return torch.tensor([[[[0.5 * math.sin(1 + o + 2 * c + 3 * p + 5 * q) for q in range(k)] for p in range(k)]
                          for c in range(cin)] for o in range(cout)])


def image(cin, n):
    return torch.tensor([[[math.cos(0.3 + c + 0.7 * i + 1.3 * j) for j in range(n)] for i in range(n)]
                         for c in range(cin)])


def cayley(z):
    rows, cols = z.shape[-2:]
    if rows < cols:
        return cayley(z.transpose(-2, -1)).transpose(-2, -1)
    u, v = z[..., :cols, :], z[..., cols:, :]
    eye = torch.eye(cols, dtype=z.dtype)
    a = u - u.conj().transpose(-2, -1) + v.conj().transpose(-2, -1) @ v
    inv = torch.linalg.inv(eye + a)
    return torch.cat((inv @ (eye - a), -2 * v @ inv), dim=-2)


def cayley_conv(cin, cout, k, n):
    W = kernel(cout, cin, k)
    b = k // 2
    w = torch.arange(n)
    phase = torch.exp(-2j * math.pi * (w[:, None] + w[None, :]) * b / n)
    what = torch.fft.fft2(W, s=(n, n)).conj() * phase          # [cout, cin, n, n]
    norm = what.abs().pow(2).sum().sqrt()
    alpha = 1.3 * norm
    q = cayley((alpha * what / norm).permute(2, 3, 0, 1))      # [n, n, cout, cin]
    xhat = torch.fft.fft2(image(cin, n)).permute(1, 2, 0)[..., None]  # [n, n, cin, 1]
    yhat = (q @ xhat)[..., 0].permute(2, 0, 1)
    y = torch.fft.ifft2(yhat).real + torch.tensor([0.1 * (o + 1) for o in range(cout)])[:, None, None]
    return y.flatten()


def literal(name, values):
    body = ", ".join(repr(float(v)) for v in values)
    return f"    private static final double[] {name} = {{{body}}};"


if __name__ == "__main__":
    print(literal("CAYLEY_2_TO_3_K2_4", cayley_conv(2, 3, 2, 4)))
    print(literal("CAYLEY_3_TO_2_K3_5", cayley_conv(3, 2, 3, 5)))

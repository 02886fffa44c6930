"""Writes lconvnet_kernels.json: BCOP kernels computed by a line-by-line NumPy (float64) transliteration of LConvNet's
lconvnet/layers/bcop.py (BCOP.forward: H slice, masked projectors, convolution_orthogonal_generator_projs with
block_orth / matrix_conv / dict_to_tensor / permute) and lconvnet/layers/utils.py (bjorck_orthonormalize with
power-iteration scaling). PyTorch is not installed on the machine that made the fixture, hence the transliteration;
torch.Tensor ops map one to one (mm -> @, t() -> .T, permute -> transpose).

The parameter matrices are random orthogonal matrices (QR of Gaussians), so Björck (20 iterations, power-iteration
pre-scale) leaves them unchanged to ~1e-15 whatever its random start: the fixture pins the composition order, slicing
and layout, not the Björck start vector. Run: python3 make_lconvnet_fixture.py  (NumPy 2.4.6, Python 3).
"""
import json
import numpy as np


def power_iteration(A, rng, n_iters=10):
    u = rng.standard_normal(A.shape[:-1] + (1,))
    for _ in range(n_iters):
        v = np.swapaxes(A, -1, -2) @ u
        v /= np.linalg.norm(v, axis=-2, keepdims=True)
        u = A @ v
        u /= np.linalg.norm(u, axis=-2, keepdims=True)
    return (np.swapaxes(u, -1, -2) @ A @ v)[..., 0, 0]


def bjorck_orthonormalize(w, rng, beta=0.5, iters=20):
    if w.shape[-2] < w.shape[-1]:
        return np.swapaxes(bjorck_orthonormalize(np.swapaxes(w, -1, -2), rng, beta, iters), -1, -2)
    s = power_iteration(w, rng)
    w = w / s[..., None, None]
    for _ in range(iters):
        w_t_w = np.swapaxes(w, -1, -2) @ w
        w = (1 + beta) * w - beta * w @ w_t_w
    return w


def block_orth(p1, p2):
    n = p1.shape[0]
    eye = np.eye(n)
    return {(0, 0): p1 @ p2, (0, 1): p1 @ (eye - p2), (1, 0): (eye - p1) @ p2, (1, 1): (eye - p1) @ (eye - p2)}


def matrix_conv(m1, m2):
    n = m1[0, 0].shape[0]
    k = int(np.sqrt(len(m1)))
    l = int(np.sqrt(len(m2)))
    result = {}
    size = k + l - 1
    for i in range(size):
        for j in range(size):
            result[i, j] = np.zeros((n, n))
            for index1 in range(min(k, i + 1)):
                for index2 in range(min(k, j + 1)):
                    if (i - index1) < l and (j - index2) < l:
                        result[i, j] += m1[index1, index2] @ m2[i - index1, j - index2]
    return result


def dict_to_tensor(x, k1, k2):
    return np.stack([np.stack([x[i, j] for j in range(k2)]) for i in range(k1)])


def convolution_orthogonal_generator_projs(ksize, cin, cout, ortho, sym_projs):
    flipped = False
    if cin > cout:
        flipped = True
        cin, cout = cout, cin
        ortho = ortho.T
    if ksize == 1:
        return ortho[:, :, None, None]
    p = block_orth(sym_projs[0], sym_projs[1])
    for _ in range(1, ksize - 1):
        p = matrix_conv(p, block_orth(sym_projs[_ * 2], sym_projs[_ * 2 + 1]))
    for i in range(ksize):
        for j in range(ksize):
            p[i, j] = ortho @ p[i, j]
    if flipped:
        return np.transpose(dict_to_tensor(p, ksize, ksize), (2, 3, 1, 0))
    return np.transpose(dict_to_tensor(p, ksize, ksize), (3, 2, 1, 0))


def bcop_kernel(param_matrices, cin, cout, ksize, rng):
    cmax = max(cin, cout)
    num_kernels = 2 * (ksize - 1) + 1
    mask = np.concatenate((np.ones((num_kernels - 1, 1, cmax // 2)),
                           np.zeros((num_kernels - 1, 1, cmax - cmax // 2))), axis=-1)
    ortho = bjorck_orthonormalize(param_matrices, rng)
    H = ortho[0, :cin, :cout]
    PQ = ortho[1:] * mask
    PQ = PQ @ np.swapaxes(PQ, -1, -2)
    return convolution_orthogonal_generator_projs(ksize, cin, cout, H, PQ)


def orthogonal(rng, n):
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))


def main():
    rng = np.random.default_rng(20191208)
    cases = []
    # k = 1 with cin != cout fails in LConvNet itself (shape mismatch); k = 1 square is a documented deviation.
    for (cin, cout, k) in [(4, 4, 2), (4, 4, 3), (2, 6, 3), (6, 2, 3), (3, 5, 2), (5, 3, 4), (4, 4, 5), (1, 1, 3)]:
        cmax = max(cin, cout)
        params = np.stack([orthogonal(rng, cmax) for _ in range(2 * k - 1)])
        kernel = bcop_kernel(params, cin, cout, k, rng)
        assert kernel.shape == (cout, cin, k, k), kernel.shape
        cases.append({"cin": cin, "cout": cout, "k": k, "params": params.tolist(), "kernelOihw": kernel.tolist()})
    with open("lconvnet_kernels.json", "w") as f:
        json.dump({"source": "NumPy transliteration of LConvNet bcop.py/utils.py, see make_lconvnet_fixture.py",
                   "numpy": np.__version__, "cases": cases}, f)


if __name__ == "__main__":
    main()

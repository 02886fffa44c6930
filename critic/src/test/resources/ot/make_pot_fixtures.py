#!/usr/bin/python3
"""Reference values of exact W1 from POT for PotFixturesTest (dev.lipschitzw1.critic.ot).

Run from this folder with Debian's Python (python3-pot, python3-numpy, python3-scipy):
    /usr/bin/python3 make_pot_fixtures.py        # rewrites pot_fixtures.json (about 0.13 MB)

Every case: M = ot.dist(x, y, metric='euclidean') (float64), value = ot.emd2(a, b, M, numItermax=10**7).
Points are stored in one of three ways, all bit-identical in Java:
  numpy_rand   np.random.RandomState(seed).rand(n, d) — too large to store at full precision (n = 1000 is 12.5 MB);
               the Java test regenerates them (MT19937, numpy's 53-bit doubles) and checks the SHA-256 given here
               of their float64 little-endian C-order bytes before comparing anything;
  values       the coordinates themselves (JSON numbers, shortest round-trip repr);
  uint8_base64 8-bit pixels k/255 (k stored as base64 bytes, row-major), like real images.
Weights: null = uniform 1/n; otherwise the float64 values as stored (POT rescales b by sum(a)/sum(b), as the Java
solver does). Equal-size uniform cases also carry scipy's linear_sum_assignment value as a second opinion.
"""
import base64
import datetime
import hashlib
import json
import os
import platform
import warnings

import numpy as np
import ot
import scipy
from scipy.optimize import linear_sum_assignment

HERE = os.path.dirname(os.path.abspath(__file__))
NUM_ITER_MAX = 10**7


def numpy_rand(seed, n, d):
    x = np.random.RandomState(seed).rand(n, d)
    spec = dict(kind="numpy_rand", seed=seed, n=n, d=d,
                sha256=hashlib.sha256(np.ascontiguousarray(x, dtype="<f8").tobytes()).hexdigest())
    return x, spec


def values(x):
    return x, dict(kind="values", n=x.shape[0], d=x.shape[1], values=x.tolist())


def uint8_pixels(seed, n, d):
    k = np.random.RandomState(seed).randint(0, 256, size=(n, d)).astype(np.uint8)
    spec = dict(kind="uint8_base64", n=n, d=d, data=base64.b64encode(k.tobytes()).decode("ascii"))
    return k.astype(np.float64) / 255.0, spec


def weights(seed, n, zeros=()):
    w = np.random.RandomState(seed).rand(n) + 0.1
    w[list(zeros)] = 0.0
    return w / w.sum()


def case(name, xs, ys, a=None, b=None):
    (x, xspec), (y, yspec) = xs, ys
    n, m = x.shape[0], y.shape[0]
    M = ot.dist(x, y, metric="euclidean")
    aa = np.full(n, 1.0 / n) if a is None else a
    bb = np.full(m, 1.0 / m) if b is None else b
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value, log = ot.emd2(aa, bb, M, numItermax=NUM_ITER_MAX, log=True)
    out = dict(name=name, x=xspec, y=yspec,
               a=None if a is None else a.tolist(), b=None if b is None else b.tolist(),
               emd2=float(value), emd2_result_code=int(log["result_code"]), emd2_warning=log["warning"],
               warnings=sorted({str(w.message) for w in caught}))
    if a is None and b is None and n == m:
        r, c = linear_sum_assignment(M)
        out["linear_sum_assignment"] = float(M[r, c].sum() / n)
    print(f"{name}: emd2 = {out['emd2']!r} (result code {out['emd2_result_code']})")
    return out


def main():
    cases = [
        case("uniform_n50_d784", numpy_rand(50, 50, 784), numpy_rand(51, 50, 784)),
        case("uniform_n200_d784", numpy_rand(200, 200, 784), numpy_rand(201, 200, 784)),
        case("uniform_n1000_d784_anchors", numpy_rand(0, 1000, 784), numpy_rand(1, 1000, 784)),
        case("unequal_n150_m100_d784", numpy_rand(150, 150, 784), numpy_rand(100, 100, 784)),
        case("weighted_n40_m60_d784", numpy_rand(40, 40, 784), numpy_rand(60, 60, 784),
             weights(7, 40), weights(8, 60)),
        case("weighted_n300_m200_d784", numpy_rand(300, 300, 784), numpy_rand(301, 200, 784),
             weights(11, 300), weights(12, 200)),
        case("weighted_zeros_n30_m20_d5_stored", values(np.random.RandomState(5).rand(30, 5)),
             values(np.random.RandomState(6).rand(20, 5) + 0.25), weights(9, 30, zeros=(0, 7, 8)),
             weights(10, 20, zeros=(19,))),
        case("pixels_n60_m45_d784_stored", uint8_pixels(60, 60, 784), uint8_pixels(45, 45, 784)),
    ]
    doc = dict(
        generator="make_pot_fixtures.py",
        created=datetime.date.today().isoformat(),
        python=platform.python_version(), pot=ot.__version__, numpy=np.__version__, scipy=scipy.__version__,
        cost="ot.dist(x, y, metric='euclidean') in float64",
        solver=f"ot.emd2(a, b, M, numItermax={NUM_ITER_MAX}, log=True)",
        cases=cases)
    with open(os.path.join(HERE, "pot_fixtures.json"), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()

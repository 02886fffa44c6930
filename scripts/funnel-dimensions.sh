#!/usr/bin/env bash
# How far a certified BCOP critic stays below the exact W1 of funnel-easy as the dimension grows: the bundled MNIST
# test set block-averaged to 7×7 (d = 49) and 14×14 (d = 196) and at full size (d = 784), each against its
# funnel-easy pair, `w1 compare --critics bcop`, quick preset, 5 seeds. docs/results.md, "Distance from the truth
# against dimension". About 25 minutes on 2 idle cores.
#
#   scripts/funnel-dimensions.sh            # all three sizes
#   scripts/funnel-dimensions.sh 7 14       # some of them (7, 14, 28)
#
# The pooled sets are written once as PNG folders under results/pooled-mnist-SIDE/ (needs /usr/bin/python3 with numpy
# and Pillow: Debian python3-numpy python3-pil): pixel (i, j) of the SIDE×SIDE image is the mean of the
# (28/SIDE)×(28/SIDE) block it covers, rounded to 8 bits as a PNG stores it (results/pooled-mnist-SIDE.done marks a
# finished folder). Extra arguments for every compare go in W1_COMPARE_ARGS (e.g. "--workers 1"). Results: results/funnel-dim-SIDE/ and
# results/funnel-dim-SIDE.txt (a killed run is resumed).
set -euo pipefail
# shellcheck source=scripts/reproduce-lib.sh
source "$(dirname "$0")/reproduce-lib.sh"
ensure_jar

sides=("$@")
[[ ${#sides[@]} -gt 0 ]] || sides=(7 14 28)
read -r -a opts <<< "${W1_JAVA_OPTS:--Xmx3g}"
read -r -a extra <<< "${W1_COMPARE_ARGS:-}"
mkdir -p "$ROOT/results"
for side in "${sides[@]}"; do
    case $side in
        28) set=mnist-test ;;
        7 | 14)
            dir="$ROOT/results/pooled-mnist-$side"
            if [[ ! -f $dir.done ]]; then
                /usr/bin/python3 - "$ROOT/datasets/src/main/resources/dev/lipschitzw1/datasets/mnist/t10k-images-idx3-ubyte.gz" \
                    "$dir" "$side" <<'EOF'
import gzip, os, struct, sys
import numpy as np
from PIL import Image
src, out, side = sys.argv[1], sys.argv[2], int(sys.argv[3])
with gzip.open(src, 'rb') as f:
    magic, n, h, w = struct.unpack('>IIII', f.read(16))
    assert magic == 2051 and (h, w) == (28, 28), (magic, h, w)
    x = np.frombuffer(f.read(n * h * w), dtype=np.uint8).reshape(n, h, w).astype(np.float64)
b = 28 // side
pooled = x.reshape(n, side, b, side, b).mean(axis=(2, 4))
os.makedirs(out, exist_ok=True)
for i, img in enumerate(np.rint(pooled).astype(np.uint8)):
    Image.fromarray(img, mode='L').save(os.path.join(out, f'{i:05d}.png'))
open(out + '.done', 'w').close()
EOF
            fi
            set="folder:$dir@1x${side}x${side}" ;;
        *) echo "unknown side $side (7, 14 or 28)" >&2; exit 2 ;;
    esac
    out="$ROOT/results/funnel-dim-$side"
    if [[ -d $out.partial ]]; then where=(--resume "$out"); else where=(--out "$out" --overwrite); fi
    MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} java "${opts[@]}" -jar "$JAR" compare --p "$set" --q "funnel-easy:$set" \
        --critics bcop --seeds 5 --no-floor "${extra[@]}" "${where[@]}" | tee "$ROOT/results/funnel-dim-$side.txt"
done

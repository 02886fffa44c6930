#!/usr/bin/env bash
# The paper's WDE protocol on STL-10: real STL-10 images vs a generator's samples, critics BCOP, RKO, OSSN (+ GP),
# 5 seeds, paper preset, the published numbers beside ours (the authors resized STL-10 to 64×64; this runs on the
# native 96×96 images, so the published numbers are in another space).
#
#   scripts/reproduce-stl10.sh PATH Q-SOURCE [ARGS...]
#
# PATH: the stl10_binary directory of the binary version (stl10_binary.tar.gz; a directory means its train_X.bin) or
# one *_X.bin file. Q-SOURCE: a 3×96×96 generator, e.g. generator:onnx:G.onnx (none ships with the toolkit).
# Extra arguments go to `w1 reproduce` (e.g. --preset quick). Leaves the table in results/reproduce-stl10.txt.
set -euo pipefail
# shellcheck source=scripts/reproduce-lib.sh
source "$(dirname "$0")/reproduce-lib.sh"
reproduce_user_data stl10 stl10_binary "$@"

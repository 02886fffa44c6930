#!/usr/bin/env bash
# The paper's WDE protocol on CIFAR-10 (the authors' Table 4 setting): real CIFAR-10 images vs a generator's
# samples, critics BCOP, RKO, OSSN (+ GP), 5 seeds, paper preset, the published numbers beside ours.
#
#   scripts/reproduce-cifar10.sh PATH Q-SOURCE [ARGS...]
#
# PATH: the cifar-10-batches-bin directory of the binary version (https://www.cs.toronto.edu/~kriz/cifar.html,
# cifar-10-binary.tar.gz; its five training batches are used, or test_batch.bin when they are absent) or one batch
# file. Q-SOURCE: a 3×32×32 generator, e.g. generator:onnx:G.onnx (none ships with the toolkit; docs/reproduce.md).
# Extra arguments go to `w1 reproduce` (e.g. --preset quick). Leaves the table in results/reproduce-cifar10.txt.
set -euo pipefail
# shellcheck source=scripts/reproduce-lib.sh
source "$(dirname "$0")/reproduce-lib.sh"
reproduce_user_data cifar10 cifar-10-batches-bin "$@"

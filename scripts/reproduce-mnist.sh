#!/usr/bin/env bash
# The paper's WDE protocol on MNIST: the bundled MNIST test set vs the shipped generator:mnist, critics BCOP, RKO,
# OSSN (+ GP), 5 seeds, paper preset (a GPU workload: weeks on a 2-core CPU). Extra arguments go to `w1 reproduce`:
#
#   scripts/reproduce-mnist.sh                      # the protocol
#   scripts/reproduce-mnist.sh --preset quick       # the short CPU version (3 seeds, ~1 h on 2 busy cores)
#
# Needs nothing beyond a JDK 17 and Maven: the MNIST test set and the generator are in the jar. Leaves the table in
# results/reproduce-mnist.txt and the result directory in results/reproduce-mnist-PRESET-TIME/. docs/reproduce.md.
set -euo pipefail
# shellcheck source=scripts/reproduce-lib.sh
source "$(dirname "$0")/reproduce-lib.sh"
ensure_jar
run_reproduce mnist "$@"

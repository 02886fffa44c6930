#!/usr/bin/env bash
# The paper's WDE protocol on Fashion-MNIST: the Fashion-MNIST test set vs the shipped generator:fashion-mnist,
# critics BCOP, RKO, OSSN (+ GP), 5 seeds, paper preset. Extra arguments go to `w1 reproduce` (e.g. --preset quick).
#
# The data: the Debian package dataset-fashion-mnist (installed with apt-get when missing; needs root) or
# FASHION_DIR=DIR holding t10k-images-idx3-ubyte[.gz]. Leaves the table in results/reproduce-fashion-mnist.txt and
# the result directory under results/. docs/reproduce.md.
set -euo pipefail
# shellcheck source=scripts/reproduce-lib.sh
source "$(dirname "$0")/reproduce-lib.sh"

if [[ -z ${FASHION_DIR:-} ]]; then
    if ! dpkg -s dataset-fashion-mnist > /dev/null 2>&1; then
        echo "installing the Debian package dataset-fashion-mnist" >&2
        if [[ $(id -u) -eq 0 ]]; then apt-get install -y dataset-fashion-mnist; else sudo apt-get install -y dataset-fashion-mnist; fi
    fi
    images=$(dpkg -L dataset-fashion-mnist | grep -E '/t10k-images-idx3-ubyte(\.gz)?$' | head -n 1 || true)
    if [[ -z $images ]]; then
        echo "error: dataset-fashion-mnist lists no t10k-images-idx3-ubyte[.gz] (dpkg -L dataset-fashion-mnist)" >&2
        exit 3
    fi
    FASHION_DIR=$(dirname "$images")
fi
ensure_jar
run_reproduce fashion-mnist "$FASHION_DIR" "$@"

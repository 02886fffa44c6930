# shellcheck shell=bash
# Sourced by scripts/reproduce-*.sh (not run on its own): builds the runner jar when it is missing and runs
# `w1 reproduce`, its result directory under the repository's results/ unless the arguments name --out or --resume.
# Relative paths in the arguments are taken from the caller's working directory.
#
# Environment: W1_JAVA_OPTS (default "-Xmx3g": the heap needs little, and a large heap lets ND4J's off-heap memory
# grow; docs/benchmarks.md), OMP_NUM_THREADS (default: all cores).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR="$ROOT/experiments/target/w1.jar"

# Builds experiments/target/w1.jar unless it exists.
ensure_jar() {
    if [[ ! -f $JAR ]]; then
        echo "building $JAR (mvn -B -DskipTests package)" >&2
        (cd "$ROOT" && mvn -B -q -DskipTests package)
    fi
}

# run_reproduce DATASET [ARGS...]: runs `w1 reproduce DATASET ARGS...`; the table is printed and kept in
# results/reproduce-DATASET.txt, the result directory is results/reproduce-DATASET-TIME (its path is printed last).
run_reproduce() {
    local dataset=$1
    mkdir -p "$ROOT/results"
    local -a opts out=()
    read -r -a opts <<< "${W1_JAVA_OPTS:--Xmx3g}"
    if [[ " $* " != *" --out"* && " $* " != *" --resume"* ]]; then
        out=(--out "$ROOT/results/reproduce-$dataset-$(date +%Y%m%d-%H%M%S)")
    fi
    MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} java "${opts[@]}" -jar "$JAR" reproduce "$@" "${out[@]}" \
        | tee "$ROOT/results/reproduce-$dataset.txt"
}

# reproduce_user_data DATASET PATH-HINT PATH [Q-SOURCE] [ARGS...]: the CIFAR-10 / STL-10 scripts' body — the data
# PATH is required, a first argument not starting with "-" after it is the generator (--q), the rest goes to reproduce.
reproduce_user_data() {
    local dataset=$1 hint=$2
    shift 2
    if [[ $# -lt 1 ]]; then
        echo "usage: $0 PATH Q-SOURCE [ARGS...]   (PATH: $hint; Q-SOURCE: e.g. generator:onnx:G.onnx)" >&2
        exit 2
    fi
    local data=$1
    shift
    local -a q=()
    if [[ $# -gt 0 && $1 != -* ]]; then
        q=(--q "$1")
        shift
    fi
    ensure_jar
    run_reproduce "$dataset" "$data" "${q[@]}" "$@"
}

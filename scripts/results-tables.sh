#!/usr/bin/env bash
# The comparison tables of docs/results.md: `w1 compare` with BCOP, RKO, OSSN, GP and LP, 5 seeds and the
# same-distribution floor, quick preset, on
#   a  the bundled MNIST test set vs the shipped generator:mnist
#   b  the Fashion-MNIST test set vs generator:fashion-mnist   (apt-get install dataset-fashion-mnist)
#   c1 the MNIST test set vs funnel-easy:mnist-test             (known W1: docs/datasets.md, "Funnel pairs")
#   c2 the MNIST test set vs funnel-hard:mnist-test
# Each table takes about 20-25 minutes on 2 idle cores (two single-threaded workers). Pick tables by name:
#
#   scripts/results-tables.sh                 # all four
#   scripts/results-tables.sh c1 c2           # the funnel pairs only
#   scripts/results-tables.sh --layers a      # the newer layers (aol, soc, sll, cayley) on pair a, no floor:
#                                             # results/layers-a*; about 35 minutes per pair on 2 idle cores
#                                             # (a SOC step costs 4.4 BCOP steps, a Cayley step 2.2; docs/layers.md)
#
# Extra arguments for every compare go in W1_COMPARE_ARGS (e.g. "--steps-per-epoch 300"). Each table is printed and
# kept in results/table-NAME.txt (layers-NAME.txt), its result directory in results/table-NAME/ (resumed if it was
# killed).
set -euo pipefail
# shellcheck source=scripts/reproduce-lib.sh
source "$(dirname "$0")/reproduce-lib.sh"
ensure_jar

declare -A P=([a]=mnist-test [b]=fashion-mnist-test [c1]=mnist-test [c2]=mnist-test)
declare -A Q=([a]=generator:mnist [b]=generator:fashion-mnist [c1]=funnel-easy:mnist-test [c2]=funnel-hard:mnist-test)
critics=bcop,rko,ossn,gp,lp prefix=table floor=()
if [[ ${1:-} == --layers ]]; then
    critics=aol,soc,sll,cayley prefix=layers floor=(--no-floor)
    shift
fi
tables=("$@")
[[ ${#tables[@]} -gt 0 ]] || tables=(a b c1 c2)
mkdir -p "$ROOT/results"
read -r -a opts <<< "${W1_JAVA_OPTS:--Xmx3g}"
read -r -a extra <<< "${W1_COMPARE_ARGS:-}"
for t in "${tables[@]}"; do
    [[ -n ${P[$t]:-} ]] || { echo "unknown table $t (a, b, c1 or c2)" >&2; exit 2; }
    dir="$ROOT/results/$prefix-$t"
    if [[ -d $dir.partial ]]; then where=(--resume "$dir"); else where=(--out "$dir" --overwrite); fi
    MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} java "${opts[@]}" -jar "$JAR" compare --p "${P[$t]}" --q "${Q[$t]}" \
        --critics "$critics" --seeds 5 "${floor[@]}" "${extra[@]}" "${where[@]}" | tee "$ROOT/results/$prefix-$t.txt"
done

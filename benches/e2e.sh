#!/usr/bin/env bash
# End-to-end timings of the release binary on the benchmark models E0/E1/E2
# (../shared/bench/README.md): validate, `analyze --format json`, and `plan --budget 600000`
# on E1. Prints the median wall time of RUNS runs and the peak RSS (GNU time's %M).
#
#   benches/e2e.sh [BEFORE_BINARY]
#
# With BEFORE_BINARY, each command also runs with it (capped at $CAP seconds, reported as
# "> CAP s" when it does not finish). Models are generated into target/bench-models when
# missing (GEN = path of gen-model.py; default ../shared/bench/gen-model.py); set
# BENCH_DIR to use models elsewhere. Nothing here is committed.
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
CAP=${CAP:-120}
BEFORE=${1:-}
GEN=${GEN:-../shared/bench/gen-model.py}
BENCH_DIR=${BENCH_DIR:-target/bench-models}
TIME=/usr/bin/time

cargo build --release --quiet
AFTER=target/release/gapgraph

mkdir -p "$BENCH_DIR"
gen() { # name seed systems workflows data
    [ -s "$BENCH_DIR/$1.json" ] && return
    python3 "$GEN" --seed "$2" --systems "$3" --workflows "$4" --data "$5" >"$BENCH_DIR/$1.json"
}
gen e0 7 500 500 40
gen e1 9 2000 2000 100
gen e2 8 20000 20000 300

# median wall seconds and max peak KiB over RUNS runs; "> CAP" when a run hits the cap
measure() {
    local walls=() peak=0 out
    for _ in $(seq "$RUNS"); do
        out=$(mktemp)
        local status=0
        timeout "$CAP" "$TIME" -f '%e %M' -o "$out" "$@" >/dev/null 2>/dev/null || status=$?
        if [ "$status" -eq 124 ]; then
            rm -f "$out"
            echo "> $CAP s | n/a"
            return
        fi
        read -r wall kib < <(tail -n1 "$out")
        rm -f "$out"
        walls+=("$wall")
        [ "$kib" -gt "$peak" ] && peak=$kib
    done
    local median
    median=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    echo "$median s | $((peak / 1024)) MiB"
}

row() { # label binary args...
    local label=$1 binary=$2
    shift 2
    echo "| $label | $(measure "$binary" "$@") |"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "runs per figure: $RUNS (median wall, max peak RSS)"
echo
echo "| command | wall | peak RSS |"
echo "|---|---|---|"
for binary in ${BEFORE:+"$BEFORE"} "$AFTER"; do
    tag=after
    [ "$binary" = "$BEFORE" ] && tag=before
    for e in e0 e1 e2; do
        row "$tag validate $e" "$binary" validate "$BENCH_DIR/$e.json"
        row "$tag analyze --format json $e" "$binary" analyze "$BENCH_DIR/$e.json" --format json
    done
    row "$tag plan --budget 600000 e1" "$binary" plan "$BENCH_DIR/e1.json" --budget 600000
done

#!/usr/bin/env bash
# Every command of a binary on the benchmark models E0-E3 (../shared/bench/README.md), one
# run each with GNU time: wall and CPU seconds and peak RSS, as tab-separated lines
# (model, command, wall s, cpu s, peak MiB, exit). A run past $CAP seconds is stopped
# and shows as exit 124. docs/performance.md, "Issue 25", has the figures.
#
#   BENCH_DIR=/work/bench benches/scale.sh BINARY [MODELS...] > scale.tsv
#
# MODELS default to e0 e1 e2 e3 (BENCH_DIR/NAME.json; E3 is generated on demand, see the
# README). SLOW=1 adds `plan` and `sensitivity --samples 100`. Nothing here is committed.
set -uo pipefail

BIN=$(realpath "$1")
shift
if [ $# -gt 0 ]; then MODELS=("$@"); else MODELS=(e0 e1 e2 e3); fi
BENCH_DIR=${BENCH_DIR:-target/bench-models}
CAP=${CAP:-600}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1767225600 NO_COLOR=1

run() { # model, name, args...
    local model=$1 name=$2
    shift 2
    local status=0
    timeout "$CAP" /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$BIN" "$@" \
        >/dev/null 2>"$tmp/err" || status=$?
    read -r wall user sys peak < <(tail -1 "$tmp/time")
    printf '%s\t%s\t%s\t%.2f\t%.0f\t%s\n' "$model" "$name" "$wall" \
        "$(echo "$user + $sys" | bc)" "$(echo "$peak / 1024" | bc)" "$status"
}

for m in "${MODELS[@]}"; do
    model=$BENCH_DIR/$m.json
    [ -f "$model" ] || { echo "no $model" >&2; continue; }
    compact=$("$BIN" analyze "$model" --format json --compact --top 1)
    fix=$(echo "$compact" | python3 -c 'import json,sys; print(json.load(sys.stdin)["fixes"][0]["id"])')
    system=$(echo "$compact" | python3 -c 'import json,sys; print(json.load(sys.stdin)["fixes"][0]["from"])')
    run "$m" validate validate "$model"
    for f in json table markdown html; do
        run "$m" "analyze $f" analyze "$model" --format "$f"
    done
    run "$m" "analyze json --compact" analyze "$model" --format json --compact
    run "$m" "analyze csv gaps" analyze "$model" --format csv --csv-table gaps
    run "$m" "check" check "$model" --max-missing 1000000000
    run "$m" "compare json" compare "$model" --format json
    run "$m" "explain json" explain "$model" "$fix" --format json
    run "$m" "impact --remove-system json" impact "$model" --remove-system "$system" --format json
    run "$m" "impact --each-system json" impact "$model" --each-system --format json
    run "$m" "diagram dot --level unit" diagram "$model" --format dot --level unit
    run "$m" "diagram mermaid --level unit" diagram "$model" --format mermaid --level unit
    run "$m" "diagram dot (systems)" diagram "$model" --format dot
    run "$m" "export graphml" export graphml "$model"
    run "$m" "explore" explore "$model" -o "$tmp/explorer.html"
    rm -f "$tmp/explorer.html"
    rm -rf "$tmp/sheets"
    run "$m" "export sheets" export sheets "$model" --dir "$tmp/sheets"
    rm -rf "$tmp/sheets"
    if [ "${SLOW:-0}" = 1 ]; then
        run "$m" "plan --budget 1e6 json" plan "$model" --budget 1000000 --format json
        run "$m" "sensitivity --samples 100 json" sensitivity "$model" --samples 100 --format json
    fi
done

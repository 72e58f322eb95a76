#!/usr/bin/env bash
# Every command and format of a binary on the shipped fixtures (and E0/E1 when BENCH_DIR
# holds e0.json and e1.json), one file per run: stdout, then stderr and the exit status.
# Two snapshots from two binaries, compared with `diff -r`, show whether a refactor
# changed any output byte.
#
#   benches/outputs_snapshot.sh BINARY OUT_DIR
#   diff -r OLD_DIR NEW_DIR
#
# Provenance lines (dates, versions) are held still with SOURCE_DATE_EPOCH.
set -uo pipefail

cd "$(dirname "$0")/.."
BIN=$(realpath "$1")
OUT=$2
BENCH_DIR=${BENCH_DIR:-target/bench-models}
mkdir -p "$OUT"
export SOURCE_DATE_EPOCH=1767225600 NO_COLOR=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run() { # name, args...
    local name=$1
    shift
    {
        "$BIN" "$@" 2>"$tmp/err"
        echo "-- exit $?"
        sed "s#$tmp#TMP#g" "$tmp/err"
    } >"$OUT/$name" 2>&1
}

models=(fixtures/valid/*.yaml fixtures/valid/*.json)
[ -f "$BENCH_DIR/e0.json" ] && models+=("$BENCH_DIR/e0.json")
[ -f "$BENCH_DIR/e1.json" ] && models+=("$BENCH_DIR/e1.json")

for model in "${models[@]}"; do
    m=$(basename "$model")
    run "$m.validate" validate "$model"
    for f in table json markdown html; do
        run "$m.analyze.$f" analyze "$model" --format "$f"
    done
    run "$m.analyze.markdown.budget" analyze "$model" --format markdown --budget 50000
    run "$m.analyze.html.budget" analyze "$model" --format html --budget 50000
    for t in fixes gaps workflows systems units; do
        run "$m.analyze.csv.$t" analyze "$model" --format csv --csv-table "$t"
    done
    for r in value saving payback; do
        run "$m.analyze.rank.$r" analyze "$model" --rank-by "$r" --top 5
    done
    for f in dot mermaid; do
        run "$m.diagram.$f" diagram "$model" --format "$f"
        run "$m.diagram.$f.gaps" diagram "$model" --format "$f" --gaps-only
        run "$m.diagram.$f.unit" diagram "$model" --format "$f" --level unit
    done
    for f in table json markdown csv; do
        run "$m.plan.$f" plan "$model" --budget 50000 --format "$f"
        run "$m.compare.$f" compare "$model" --format "$f"
    done
    for f in table json markdown; do
        run "$m.sensitivity.$f" sensitivity "$model" --samples 50 --format "$f"
    done
    fix=$("$BIN" analyze "$model" --format csv --top 1 2>/dev/null | sed -n 2p | cut -d, -f2)
    if [ -n "$fix" ]; then
        run "$m.explain.table" explain "$model" "$fix"
        run "$m.explain.json" explain "$model" "$fix" --format json
    fi
    run "$m.check" check "$model" --min-automation 0.5 --max-missing 3 --max-default-share 0.5
    run "$m.graphml" export graphml "$model"
    rm -rf "$tmp/sheets"
    "$BIN" export sheets "$model" --dir "$tmp/sheets" >/dev/null 2>&1
    cat "$tmp"/sheets/* >"$OUT/$m.sheets" 2>/dev/null
done

for f in table json markdown; do
    run "diff.$f" diff fixtures/valid/acme-2026q1.yaml fixtures/valid/acme-2026q2.yaml --format "$f"
done
for f in table json markdown html; do
    run "review.$f" review fixtures/review/acme-2026q1.plan.json fixtures/valid/acme-2026q2.yaml --format "$f"
done
for xml in fixtures/archimate/*.xml; do
    run "import.$(basename "$xml")" import archimate "$xml"
done
run import.sheets import sheets --systems fixtures/sheets/systems.csv \
    --integrations fixtures/sheets/integrations.csv --assume-mode automated --workflows fixtures/sheets/workflows.csv \
    --units fixtures/sheets/units.csv
for f in table json markdown; do
    run "discover.$f" discover fixtures/discover/small.xes --map fixtures/discover/small.map.yaml --format "$f"
done
run discover.model discover fixtures/discover/small.csv --map fixtures/discover/small.map.yaml -o "$tmp/d.yaml"
cat "$tmp/d.yaml" >>"$OUT/discover.model"
for bad in fixtures/invalid/*; do
    run "invalid.$(basename "$bad")" validate "$bad"
done
run schema schema

#!/usr/bin/env bash
# Every output format of the release binary on E2 (and the decision commands on E1), to
# keep the renderers linear (issue 8): median wall time of RUNS runs and peak RSS.
#
#   BENCH_DIR=/work/bench benches/formats.sh [BINARY]
#
# BENCH_DIR must hold e1.json and e2.json (benches/e2e.sh generates them). Nothing here is
# committed.
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
BIN=${1:-target/release/gapgraph}
BENCH_DIR=${BENCH_DIR:-target/bench-models}
E1=$BENCH_DIR/e1.json
E2=$BENCH_DIR/e2.json

measure() { # label, command...
    local label=$1 walls=() peak=0 out
    shift
    for _ in $(seq "$RUNS"); do
        out=$(mktemp)
        /usr/bin/time -f '%e %M' -o "$out" "$@" >/dev/null 2>/dev/null || true
        read -r wall kib <"$out"
        rm -f "$out"
        walls+=("$wall")
        ((kib > peak)) && peak=$kib
    done
    local median
    median=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p")
    printf '| %s | %s s | %d MiB |\n' "$label" "$median" $((peak / 1024))
}

FIX=$("$BIN" analyze "$E1" --format csv --top 1 | sed -n 2p | cut -d, -f2)
echo "| command | median | peak RSS |"
echo "|---|---|---|"
measure "E2 \`validate\`" "$BIN" validate "$E2"
# SKIP_REVIEW=1 leaves out markdown and html (a binary from before issue 8 takes minutes).
FORMATS="table json markdown html"
[ -n "${SKIP_REVIEW:-}" ] && FORMATS="table json"
for f in $FORMATS; do
    measure "E2 \`analyze --format $f\`" "$BIN" analyze "$E2" --format "$f"
done
for t in fixes gaps workflows systems units; do
    measure "E2 \`analyze --format csv --csv-table $t\`" "$BIN" analyze "$E2" --format csv --csv-table "$t"
done
measure "E2 \`diagram --level unit\`" "$BIN" diagram "$E2" --level unit
measure "E2 \`diagram --level unit --format mermaid\`" "$BIN" diagram "$E2" --level unit --format mermaid
measure "E1 \`plan --budget 600000\`" "$BIN" plan "$E1" --budget 600000
measure "E1 \`compare\`" "$BIN" compare "$E1"
measure "E1 \`explain $FIX\`" "$BIN" explain "$E1" "$FIX"
measure "E1 \`diff E1 E1\`" "$BIN" diff "$E1" "$E1"

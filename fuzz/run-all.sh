#!/bin/sh
# Runs every fuzz target for SECONDS (default 600) one after another, at low priority,
# logging to fuzz/logs/TARGET.log. Seeds: the model fixtures (load, analyze, render) or
# seeds-TARGET/ (sheets, discover); dictionary: TARGET.dict if there is one, else
# gapgraph.dict. Uses the nightly toolchain when installed, else the stable one with
# RUSTC_BOOTSTRAP=1 (cargo-fuzz needs nightly flags).
set -u
cd "$(dirname "$0")"
SECONDS_EACH=${1:-600}
shift 2>/dev/null || true
TARGETS=${*:-sheets discover load render analyze}
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    FUZZ="cargo +nightly fuzz"
else
    export RUSTC_BOOTSTRAP=1
    FUZZ="cargo fuzz"
fi
mkdir -p logs
for target in $TARGETS; do
    mkdir -p "corpus/$target"
    seeds=seeds
    [ -d "seeds-$target" ] && seeds="seeds-$target"
    dict=gapgraph.dict
    [ -f "$target.dict" ] && dict="$target.dict"
    # shellcheck disable=SC2086
    nice -n 10 $FUZZ run "$target" "corpus/$target" "$seeds" -- \
        -dict="$dict" -max_len=8192 -timeout=20 -rss_limit_mb=2048 \
        -max_total_time="$SECONDS_EACH" -print_final_stats=1 \
        > "logs/$target.log" 2>&1
    echo "$(date -u +%FT%TZ) $target: exit $? ($(git rev-parse --short HEAD 2>/dev/null))" >> logs/summary.txt
done

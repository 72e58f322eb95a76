#!/bin/sh
# Runs every fuzz target for SECONDS (default 600) one after another, at low priority,
# logging to fuzz/logs/TARGET.log. Seeds: the model fixtures.
set -u
cd "$(dirname "$0")"
SECONDS_EACH=${1:-600}
shift 2>/dev/null || true
TARGETS=${*:-load analyze render}
mkdir -p logs
for target in $TARGETS; do
    mkdir -p "corpus/$target"
    nice -n 10 cargo +nightly fuzz run "$target" "corpus/$target" seeds -- \
        -dict=gapgraph.dict -max_len=8192 -timeout=20 -rss_limit_mb=2048 \
        -max_total_time="$SECONDS_EACH" -print_final_stats=1 \
        > "logs/$target.log" 2>&1
    echo "$target: exit $?" >> logs/summary.txt
done

#!/usr/bin/env bash
# Issue 23's "done when": every command on hostile inputs (the corpus, the hostile
# workbooks, the importer inputs, generated models of a few MB) with -o onto its own
# input too. Reports any run that panics, dies by a signal, exits other than 0/1/2, takes
# 5 s or more, peaks at 300 MB or more, or changes an input. Prints one line per problem
# and a count.
#
#   benches/hostile_sweep.sh
set -uo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
B=$PWD/target/release/gapgraph
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
python3 benches/support/importer_inputs.py "$W/imp" >/dev/null
python3 - "$W" <<'PY'
import sys
w = sys.argv[1]
def chain(n):
    s = ["systems:"] + [f"  s{i}: {{}}" for i in range(n)] + ["integrations:"]
    s += [f"  - {{from: s{i}, to: s{i+1}, carries: [\"*\"], mode: manual}}" for i in range(n - 1)]
    s += ["workflows:", "  w:", "    runs: {count: 10, per: day}", "    handoffs:"]
    s += [f"      - {{from: s{i}, to: s{i+1}, data: d}}" for i in range(n - 1)]
    return "\n".join(s) + "\n"
open(f"{w}/chain-3000.yaml", "w").write(chain(3000))
# 5,000 one-handoff workflows (0.66 MB): plan and sensitivity are still super-linear here.
n = 5000
s = ["systems:"] + [f"  s{i}: {{}}" for i in range(n + 1)] + ["integrations:"]
s += [f"  - {{from: s{i}, to: s{i+1}, carries: [\"*\"], mode: manual}}" for i in range(0, n, 2)]
s += ["workflows:"] + [f"  w{i}:\n    runs: {{count: {i % 7 + 1}, per: day}}\n    handoffs: [{{from: s{i}, to: s{i+1}, data: d{i % 13}}}]" for i in range(n)]
open(f"{w}/workflows-5000.yaml", "w").write("\n".join(s) + "\n")
# Discover: one case of 200,000 events (4 MB), and an XES trace of 100,000 events.
with open(f"{w}/one-case.csv", "w") as f:
    f.write("case:concept:name,concept:name,org:resource,lifecycle:transition,time:timestamp\n")
    for i in range(200000):
        f.write(f"c1,{'crm' if i % 2 else 'erp'}:step,{'bot-1' if i % 3 else 'ann'},complete,2024-01-01 09:{i // 60 % 60:02d}:{i % 60:02d}\n")
with open(f"{w}/long-trace.xes", "w") as f:
    f.write('<?xml version="1.0"?><log><trace><string key="concept:name" value="c1"/>')
    for i in range(100000):
        f.write(f'<event><string key="concept:name" value="{"crm" if i % 2 else "erp"}:x"/><date key="time:timestamp" value="2024-01-01T09:00:{i % 60:02d}Z"/></event>')
    f.write("</trace></log>")
PY
# Issue 23 row 5: 5,000 one-handoff workflows all moving the same data object.
python3 benches/support/shared_data_model.py > "$W/shared-5000.yaml"
problems=0
runs=0
check() { # name, then the command
    local name=$1; shift
    local before after
    before=$(md5sum "${INPUTS[@]}" 2>/dev/null)
    /usr/bin/time -f "%e %M" -o "$W/time" timeout 30 "$@" >"$W/out" 2>"$W/err"
    local rc=$?
    after=$(md5sum "${INPUTS[@]}" 2>/dev/null)
    # GNU time puts "Command exited with non-zero status N" first; the figures are last.
    read -r secs kb < <(tail -1 "$W/time") || { secs=99; kb=0; }
    runs=$((runs + 1))
    local why=""
    grep -q "panicked\|RUST_BACKTRACE" "$W/err" && why="$why panic;"
    case $rc in 0|1|2) ;; *) why="$why exit $rc;" ;; esac
    awk "BEGIN{exit !($secs >= 5)}" && why="$why ${secs}s;"
    [ "$kb" -ge 307200 ] && why="$why ${kb}KB;"
    [ "$before" != "$after" ] && why="$why input changed;"
    if [ -n "$why" ]; then problems=$((problems + 1)); echo "PROBLEM $name:$why"; fi
}
models=(tests/corpus/*.yaml tests/corpus/*.json tests/corpus/fuzz/*.yaml fixtures/valid/*.yaml "$W/chain-3000.yaml" "$W/workflows-5000.yaml" "$W/shared-5000.yaml")
for m in "${models[@]}"; do
    cp "$m" "$W/m.${m##*.}"; M="$W/m.${m##*.}"; INPUTS=("$M")
    for cmd in "validate" "analyze" "analyze -f json" "analyze -f csv" "analyze -f markdown" "analyze -f html" \
               "diagram -f dot" "diagram -f mermaid" "diagram -f svg" "plan --budget 1e6" "plan --budget 1e15" "check --max-missing 0" "analyze -f markdown --budget 1e15" \
               "compare" "sensitivity --samples 50" "sensitivity" "export graphml" \
               "analyze -f json --compact" "explore" "analyze -f html --interactive"; do
        # shellcheck disable=SC2086
        check "$m $cmd" $B $cmd "$M"
        # shellcheck disable=SC2086
        [ "${cmd%% *}" != validate ] && [ "${cmd%% *}" != check ] && check "$m $cmd -o input" $B $cmd "$M" -o "$M"
    done
    check "$m diff" $B diff "$M" fixtures/valid/seed.yaml -o "$M"
    check "$m export sheets" $B export sheets "$M" --dir "$W/sheets"
done
for x in fixtures/archimate/*.xml tests/corpus/*.xml "$W"/imp/*.xml; do
    cp "$x" "$W/x.xml"; INPUTS=("$W/x.xml")
    check "$x import" $B import archimate "$W/x.xml" -o /dev/null
    check "$x import -o input" $B import archimate "$W/x.xml" -o "$W/x.xml"
done
for s in tests/corpus/sheets/*.xlsx tests/corpus/sheets/*.ods tests/corpus/sheets/*.xls tests/corpus/sheets/*.xlsb tests/corpus/sheets/*.csv "$W"/imp/systems-*.csv fixtures/sheets/*; do
    INPUTS=("$s")
    check "$s import sheets" $B import sheets --systems "$s" --integrations fixtures/sheets/integrations.csv --assume-mode automated -o /dev/null
done
for log in fixtures/discover/*.xes fixtures/discover/small*.csv "$W/one-case.csv" "$W/long-trace.xes" tests/corpus/sheets/damaged.xls; do
    cp "$log" "$W/log.${log##*.}"; L="$W/log.${log##*.}"; INPUTS=("$L")
    check "$log discover" $B discover "$L" --map fixtures/discover/small.map.yaml -f json --model-out "$W/found.yaml"
    check "$log discover -o input" $B discover "$L" --map fixtures/discover/small.map.yaml -o "$L"
done
INPUTS=()
check "sheets /dev/zero" $B import sheets --systems /dev/zero --integrations fixtures/sheets/integrations.csv --assume-mode automated
check "stdin /dev/zero" sh -c "exec $B validate - </dev/zero"
echo "$runs runs, $problems problems"

#!/usr/bin/env python3
"""Issue 23 row 5's plan input: WORKFLOWS (default 5,000) workflows of one handoff each,
s_i -> s_i+1, all carrying the same data object `d`; an integration (manual, semi or
automated, carrying `d`) on two pairs in five, so most handoffs are gaps; a strategy with
two objectives that the workflows serve in varying shares. About 730 KB.

    python3 benches/support/shared_data_model.py [WORKFLOWS] > model.yaml
"""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
out = ["version: 1", "name: One shared data object",
       "defaults: {hourly_cost: 55, integration_cost: 9000}",
       "objectives:", "  growth: {name: Growth}", "  efficiency: {name: Efficiency}",
       "strategies:", "  main: {name: Main, weights: {growth: 3, efficiency: 1}}",
       "systems:"]
out += [f"  s{i}: {{name: System {i}}}" for i in range(n + 1)]
out.append("integrations:")
modes = ["manual", "semi", "automated"]
for i in range(n):
    if i % 5 in (0, 2):
        out.append(f"  - {{from: s{i}, to: s{i + 1}, carries: [d], mode: {modes[i % 3]}}}")
out.append("workflows:")
for i in range(n):
    out.append(f"  w{i}:")
    out.append(f"    runs: {{count: {i % 7 + 1}, per: day}}")
    out.append(f"    serves: {{growth: {(i % 4 + 1) / 4}, efficiency: {(i % 3) / 2}}}")
    out.append(f"    handoffs: [{{from: s{i}, to: s{i + 1}, data: d}}]")
print("\n".join(out))

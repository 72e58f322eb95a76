#!/usr/bin/env python3
"""Writes a synthetic CSV event log for `gapgraph discover` benchmarks
(docs/performance.md): EVENTS rows, grouped by case as exporters write them, about 20
events a case drawn from 40 process paths over three systems, start/complete pairs on the
human work, a system account on a tenth of it, second-resolution timestamps over a year.

    python3 benches/gen_discover_csv.py EVENTS OUT.csv
    gapgraph discover OUT.csv --map benches/discover-synthetic.map.yaml
"""
import random
import sys
from datetime import datetime, timedelta, timezone


def main():
    total, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(19)
    steps = ["A_submit", "A_check", "B_offer", "B_send", "C_review", "C_call", "A_decide", "C_close"]
    paths = [[rng.choice(steps) for _ in range(rng.randint(4, 12))] for _ in range(40)]
    weights = [1 / (i + 1) for i in range(40)]
    people = [f"user{i:03}" for i in range(200)]
    t0 = datetime(2025, 1, 1, tzinfo=timezone.utc)
    written = case = 0
    with open(out, "w", buffering=1 << 20) as f:
        f.write("case:concept:name,concept:name,org:resource,lifecycle:transition,time:timestamp\n")
        while written < total:
            case += 1
            t = t0 + timedelta(seconds=rng.randrange(365 * 86400))
            rows = []
            for activity in rng.choices(paths, weights)[0]:
                who = "batch-1" if rng.random() < 0.1 else rng.choice(people)
                if activity.startswith("C_") or rng.random() < 0.3:
                    rows.append((activity, who, "start", t))
                    t += timedelta(seconds=rng.randrange(60, 1800))
                rows.append((activity, who, "complete", t))
                t += timedelta(seconds=rng.randrange(30, 7200))
            for activity, who, life, when in rows[: total - written]:
                f.write(f"case-{case:08},{activity},{who},{life},{when:%Y-%m-%d %H:%M:%S}+00:00\n")
            written += min(len(rows), total - written)


if __name__ == "__main__":
    main()

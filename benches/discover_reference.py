#!/usr/bin/env python3
"""A straightforward reading of docs/discover.md's measures in Python (xml.etree
iterparse for XES, the csv module for CSV): the yardstick `gapgraph discover` is timed
against (docs/performance.md) and an independent check of its numbers.

    python3 benches/discover_reference.py LOG --system ID=GLOB[,GLOB...] ... \
        [--automated GLOB ...] [--coverage 0.8]

Prints the `gapgraph.discover/v1` fields as JSON. Globs are fnmatch's (case-sensitive).
"""
import argparse
import csv
import gzip
import json
import statistics
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from fnmatch import fnmatchcase


def parse_time(text):
    t = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    return t.timestamp()


def read_xes(path):
    opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    with opener(path, "rb") as f:
        case, events, depth = None, [], 0
        for kind, el in ET.iterparse(f, events=("start", "end")):
            tag = el.tag.rsplit("}", 1)[-1]
            if kind == "start":
                depth += 1
                continue
            depth -= 1
            if tag == "event":
                attrs = {c.get("key"): c.get("value") for c in el}
                events.append((attrs.get("concept:name"), attrs.get("org:resource"),
                               attrs.get("lifecycle:transition"), parse_time(attrs["time:timestamp"])))
                el.clear()
            elif tag == "trace":
                for c in el:
                    if c.tag.rsplit("}", 1)[-1] != "event" and c.get("key") == "concept:name":
                        case = c.get("value")
                yield case, events
                case, events = None, []
                el.clear()


def read_csv(path):
    cases = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            cases.setdefault(row["case:concept:name"], []).append(
                (row["concept:name"], row.get("org:resource") or None,
                 row.get("lifecycle:transition") or None, parse_time(row["time:timestamp"])))
    yield from cases.items()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("log")
    ap.add_argument("--system", action="append", default=[])
    ap.add_argument("--automated", action="append", default=[])
    ap.add_argument("--coverage", type=float, default=0.8)
    a = ap.parse_args()
    systems = [(s.split("=", 1)[0], s.split("=", 1)[1].split(",")) for s in a.system]

    def system_of(activity):
        for sid, globs in systems:
            if any(fnmatchcase(activity, g) for g in globs):
                return sid
        return None

    reader = read_csv if a.log.endswith(".csv") else read_xes
    cases = events = unmapped = 0
    first = last = None
    pairs, variants = {}, {}
    for _, evs in reader(a.log):
        cases += 1
        events += len(evs)
        evs.sort(key=lambda e: e[3])  # stable: equal times keep file order
        for e in evs:
            first = e[3] if first is None else min(first, e[3])
            last = e[3] if last is None else max(last, e[3])
        opened, prev, seq = {}, None, []
        for act, res, life, t in evs:
            life = (life or "complete").lower()
            if life == "start":
                opened[act] = t
                continue
            if life != "complete":
                continue
            started = opened.pop(act, None)
            s = system_of(act)
            if s is None:
                unmapped += 1
                continue
            if prev is not None and prev != s:
                p = pairs.setdefault((prev, s), {"count": 0, "automated": 0, "unknown": 0, "d": []})
                p["count"] += 1
                if res is None:
                    p["unknown"] += 1
                elif any(fnmatchcase(res, g) for g in a.automated):
                    p["automated"] += 1
                elif started is not None:
                    p["d"].append((t - started) / 60)
                seq.append((prev, s))
            prev = s
        if seq:
            variants[tuple(seq)] = variants.get(tuple(seq), 0) + 1
    span = last - first
    ranked = sorted(variants.items(), key=lambda v: (-v[1], v[0]))
    total = sum(variants.values())
    covered, workflows = 0, []
    for seq, n in ranked:
        if covered >= a.coverage * total:
            break
        covered += n
        workflows.append({"cases": n, "handoffs": [list(p) for p in seq]})
    out = {
        "schema": "gapgraph.discover/v1", "cases": cases, "events": events,
        "unmapped_events": unmapped, "span_days": span / 86400, "variants": len(variants),
        "covered_cases": covered,
        "transitions": [
            {"from": f, "to": t, "count": p["count"], "automated": p["automated"],
             "unknown": p["unknown"],
             "runs_per_year": p["count"] * 365.25 * 86400 / span if span > 0 else None,
             "median_minutes": statistics.median(p["d"]) if p["d"] else None,
             "timed": len(p["d"])}
            for (f, t), p in sorted(pairs.items())],
        "workflows": workflows,
    }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()

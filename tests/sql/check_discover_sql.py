#!/usr/bin/env python3
"""Runs the query of docs/discover-sql.md on DuckDB (`pip install duckdb`) for the fixture
logs and, when ../shared/data/eventlogs is there, the real ones; checks that
`gapgraph discover --pairs` on its result gives the same evidence report as reading the
log. Exit 0 when every report matches.

    python3 tests/sql/check_discover_sql.py [path/to/gapgraph]
"""
import csv
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from fnmatch import fnmatchcase

import duckdb

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LOGS = os.path.join(ROOT, "..", "shared", "data", "eventlogs")
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)

# The globs of each mapping file (first entry wins), as fnmatch patterns.
MAPPINGS = {
    "small.map.yaml": ([("crm", ["crm:*"]), ("erp", ["erp:*"])], ["bot*"]),
    "bpic2012.map.yaml": ([("loan-origination", ["A_*"]), ("offer-desk", ["O_*"]),
                           ("back-office", ["W_*"])], ["112"]),
    "receipt.map.yaml": ([("reception", ["Confirmation of receipt", "T0[2-5] *"]),
                          ("stop-advice", ["T0[6-9]*", "T10 *"]), ("documents", ["T1[1-5] *"]),
                          ("reports", ["T1[6-9] *", "T20 *"])], []),
    "helpdesk.map.yaml": ([("service-desk", ["Insert ticket", "Assign seriousness",
                                             "Take in charge ticket", "Wait", "Closed"]),
                           ("second-line", ["Resolve*", "Require upgrade", "Create SW anomaly",
                                            "Schedule intervention"])], []),
    "bpic2013.map.yaml": ([("intake", ["Queued", "Accepted"]), ("closure", ["Completed"])],
                          ["Siebel"]),
    "running-example.map.yaml": ([("front-desk", ["register request", "reinitiate request"]),
                                  ("examination", ["examine *", "check ticket"]),
                                  ("decision", ["decide"]),
                                  ("payments", ["pay compensation", "reject request"])], ["Ellen"]),
}


def micros(text):
    t = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    d = t - EPOCH
    return (d.days * 86400 + d.seconds) * 1_000_000 + d.microseconds


def xes_rows(path):
    opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    with opener(path, "rb") as f:
        n = 0
        for _, el in ET.iterparse(f, events=("end",)):
            if el.tag.rsplit("}", 1)[-1] != "trace":
                continue
            n += 1
            for ev in el:
                if ev.tag.rsplit("}", 1)[-1] != "event":
                    continue
                a = {c.get("key"): c.get("value") for c in ev}
                # Traces are numbered: two traces with one name are two cases.
                yield (f"{n}", a["concept:name"], a.get("org:resource") or None,
                       a.get("lifecycle:transition") or None, micros(a["time:timestamp"]))
            el.clear()


def csv_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            yield (r["case:concept:name"], r["concept:name"], r.get("org:resource") or None,
                   r.get("lifecycle:transition") or None, micros(r["time:timestamp"]))


def query():
    text = open(os.path.join(ROOT, "docs", "discover-sql.md"), encoding="utf-8").read()
    sql = re.search(r"<!-- discover-sql -->\s*```sql\n(.*?)```", text, re.S).group(1)
    # DuckDB has no LISTAGG ... WITHIN GROUP: its spelling of the same aggregate, the one
    # difference from the documented query (docs/discover-sql.md says so).
    standard = "LISTAGG(from_system || '>' || to_system, ';') WITHIN GROUP (ORDER BY pos)"
    assert standard in sql, "the documented query changed: update the DuckDB spelling"
    return sql.replace(standard, "STRING_AGG(from_system || '>' || to_system, ';' ORDER BY pos)")


def pairs_table(log, mapping, out):
    systems, accounts = MAPPINGS[mapping]
    rows = xes_rows(log) if not log.endswith(".csv") else csv_rows(log)
    con = duckdb.connect()
    with tempfile.NamedTemporaryFile("w", suffix=".csv", newline="", delete=False) as tmp:
        w = csv.writer(tmp)
        w.writerow(["case_id", "activity", "resource", "lifecycle", "ts_us", "seq"])
        activities, resources = set(), set()
        for seq, (case, act, res, life, ts) in enumerate(rows):
            w.writerow([case, act, res, life, ts, seq])
            activities.add(act)
            if res is not None:
                resources.add(res)
    con.execute(f"""CREATE TABLE events AS SELECT * FROM read_csv('{tmp.name}', header = true,
        columns = {{'case_id': 'VARCHAR', 'activity': 'VARCHAR', 'resource': 'VARCHAR',
                   'lifecycle': 'VARCHAR', 'ts_us': 'BIGINT', 'seq': 'BIGINT'}})""")
    os.unlink(tmp.name)
    con.execute("CREATE TABLE activity_system (activity VARCHAR, system VARCHAR)")
    con.execute("CREATE TABLE system_account (resource VARCHAR)")
    for act in sorted(activities):
        for sid, globs in systems:
            if any(fnmatchcase(act, g) for g in globs):
                con.execute("INSERT INTO activity_system VALUES (?, ?)", [act, sid])
                break
    for res in sorted(resources):
        if any(fnmatchcase(res, g) for g in accounts):
            con.execute("INSERT INTO system_account VALUES (?)", [res])
    con.execute(f"COPY ({query()}) TO '{out}' (HEADER, DELIMITER ',')")


def report(gapgraph, args):
    out = subprocess.run([gapgraph, "discover", *args, "-f", "json"], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"gapgraph discover {' '.join(args)} failed:\n{out.stderr}")
    doc = json.loads(out.stdout)
    doc.pop("log")
    return doc


def main():
    gapgraph = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "debug", "gapgraph")
    fixtures = os.path.join(ROOT, "fixtures", "discover")
    cases = [(os.path.join(fixtures, f), "small.map.yaml")
             for f in ["small.xes", "small.csv", "small-interleaved.csv"]]
    if os.path.isdir(LOGS):
        cases += [(os.path.join(LOGS, "running-example.xes"), "running-example.map.yaml"),
                  (os.path.join(LOGS, "receipt.csv"), "receipt.map.yaml"),
                  (os.path.join(LOGS, "helpdesk.xes.gz"), "helpdesk.map.yaml"),
                  (os.path.join(LOGS, "bpic2013-incidents.xes.gz"), "bpic2013.map.yaml"),
                  (os.path.join(LOGS, "bpic2012.xes.gz"), "bpic2012.map.yaml")]
    else:
        print(f"skipped the real logs: {LOGS} is not there")
    failed = 0
    with tempfile.TemporaryDirectory() as d:
        for log, mapping in cases:
            out = os.path.join(d, "pairs.csv")
            pairs_table(log, mapping, out)
            m = os.path.join(fixtures, mapping)
            from_log = report(gapgraph, [log, "--map", m])
            from_pairs = report(gapgraph, ["--pairs", out, "--map", m])
            same = from_log == from_pairs
            failed += not same
            print(f"{'same' if same else 'DIFFERENT'}: {os.path.basename(log)}")
            if not same:
                for k in from_log:
                    if from_log[k] != from_pairs.get(k):
                        print(f"  {k}: log {json.dumps(from_log[k])[:300]}\n  {k}: pairs {json.dumps(from_pairs.get(k))[:300]}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

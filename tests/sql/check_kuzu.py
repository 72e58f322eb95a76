#!/usr/bin/env python3
"""Runs the Kùzu load statements and the per-unit Cypher of docs/graph-stores.md, as
written there, on `export graph` of fixtures/valid/acme-2026q1.yaml and checks the figures
the doc states (Finance 120 h, Sales 400 h). Needs `python3 -m pip install kuzu` and a
built gapgraph (GAPGRAPH, default target/debug/gapgraph)."""
import os, subprocess, sys, tempfile

import kuzu

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("GAPGRAPH", os.path.join(ROOT, "target/debug/gapgraph"))
doc = open(os.path.join(ROOT, "docs/graph-stores.md"), encoding="utf-8").read()
load = doc.split("**Kùzu**")[1].split("```cypher")[1].split("```")[0]
query = doc.split("**Cypher** (Neo4j, Memgraph, Kùzu):")[1].split("```cypher")[1].split("```")[0]

with tempfile.TemporaryDirectory() as d:
    files = os.path.join(d, "files")
    subprocess.run([BIN, "export", "graph", os.path.join(ROOT, "fixtures/valid/acme-2026q1.yaml"),
                    "--dir", files], check=True, capture_output=True)
    conn = kuzu.Connection(kuzu.Database(os.path.join(d, "db")))
    for statement in load.replace("D/", files + "/").split(";"):
        if statement.strip():
            conn.execute(statement)
    result = conn.execute(query)
    got = []
    while result.has_next():
        got.append(tuple(result.get_next()))
print(got)
sys.exit(0 if got == [("finance", 120.0), ("sales", 400.0)] else 1)

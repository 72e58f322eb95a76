#!/usr/bin/env python3
"""Runs per_unit_gap_hours.sql with DuckDB on `export graph --format neo4j-csv` of each
model given (default: every fixtures/valid model) and compares with the JSON report's
units[].annual_hours. Needs `python3 -m pip install duckdb` and a built gapgraph
(GAPGRAPH, default target/debug/gapgraph). Exit 1 on a difference."""
import glob, json, math, os, subprocess, sys, tempfile

import duckdb

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("GAPGRAPH", os.path.join(ROOT, "target/debug/gapgraph"))
SQL = open(os.path.join(ROOT, "tests/sql/per_unit_gap_hours.sql")).read()

models = sys.argv[1:] or sorted(glob.glob(os.path.join(ROOT, "fixtures/valid/*.yaml")))
bad = 0
for model in models:
    report = json.loads(subprocess.run([BIN, "analyze", model, "--format", "json"],
                                       check=True, capture_output=True).stdout)
    expected = {u["id"]: u["annual_hours"] for u in report["units"]}
    with tempfile.TemporaryDirectory() as d:
        subprocess.run([BIN, "export", "graph", model, "--format", "neo4j-csv", "--dir", d],
                       check=True, capture_output=True)
        os.chdir(d)
        got = dict(duckdb.sql(SQL).fetchall())
        os.chdir(ROOT)
    same = expected.keys() == got.keys() and all(
        math.isclose(expected[k], got[k], rel_tol=1e-9, abs_tol=1e-9) for k in expected)
    print(("ok  " if same else "DIFF"), os.path.basename(model), got if not same else len(got), "units")
    if not same:
        print("    report:", expected)
        bad += 1
sys.exit(1 if bad else 0)

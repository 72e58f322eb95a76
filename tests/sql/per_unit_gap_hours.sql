-- Per-unit gap hours a year from `gapgraph export graph --format neo4j-csv --dir D`,
-- the report's units[].annual_hours (a unit's hours are those of its workflows' gaps).
-- Run from D: duckdb < per_unit_gap_hours.sql
SELECT u."id:ID(Unit)" AS unit,
       coalesce(sum(h."hours:float"), 0) AS annual_hours
FROM read_csv('unit.csv', header = true, all_varchar = true) AS u
LEFT JOIN read_csv('workflow_belongs_to.csv', header = true, all_varchar = true) AS b
       ON b.":END_ID(Unit)" = u."id:ID(Unit)"
LEFT JOIN read_csv('handoff.csv', header = true, columns = {
        ':START_ID(System)': 'VARCHAR', ':END_ID(System)': 'VARCHAR', 'workflow': 'VARCHAR',
        'step:int': 'INTEGER', 'data': 'VARCHAR', 'status': 'VARCHAR', 'gap:boolean': 'BOOLEAN',
        'minutes:float': 'DOUBLE', 'runs_per_year:float': 'DOUBLE', 'hours:float': 'DOUBLE',
        'cost:float': 'DOUBLE', 'strategic_value:float': 'DOUBLE', 'path:string[]': 'VARCHAR',
        ':TYPE': 'VARCHAR'}) AS h
       ON h.workflow = b.":START_ID(Workflow)" AND h."gap:boolean"
GROUP BY u."id:ID(Unit)"
ORDER BY u."id:ID(Unit)";

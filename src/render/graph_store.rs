//! `export graph --format neo4j-csv`: the graph and its analysis as node and relationship
//! CSV files with neo4j-admin import headers (docs/graph-stores.md). One file per node
//! label (System, Unit, Workflow, DataObject, Fix) and per relationship type (INTEGRATES,
//! HANDOFF, BELONGS_TO, SERVES, FIX_CLOSES); ids in ID spaces named after the label, so a
//! unit and a system may share an id. Every text cell goes through `text::csv_text`
//! (formula injection neutralised, hazards shown); lists are `;`-separated (`string[]`).

use std::collections::BTreeSet;
use std::io;

use crate::analysis::{path_ids, rules, Fix};
use crate::model::{Model, SystemIx, UnitIx};
use crate::text::csv_text;
use crate::view::Report;

/// One file of the export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreFile {
    /// Its file name.
    pub name: &'static str,
    /// The CSV bytes.
    pub bytes: Vec<u8>,
    /// Data rows (the header not counted).
    pub rows: usize,
}

/// Every file `neo4j_csv` writes, in order.
pub const NEO4J_FILES: [&str; 11] = [
    "system.csv",
    "unit.csv",
    "workflow.csv",
    "data_object.csv",
    "fix.csv",
    "integrates.csv",
    "handoff.csv",
    "system_belongs_to.csv",
    "workflow_belongs_to.csv",
    "serves.csv",
    "fix_closes.csv",
];

fn num(n: f64) -> String {
    format!("{}", n + 0.0)
}

fn opt(n: Option<f64>) -> String {
    n.map_or_else(String::new, num)
}

fn text(s: &str) -> String {
    csv_text(s)
}

fn list<S: AsRef<str>>(items: &[S]) -> String {
    let items: Vec<String> = items.iter().map(|s| csv_text(s.as_ref())).collect();
    items.join(";")
}

fn file(name: &'static str, header: &[&str], rows: Vec<Vec<String>>) -> io::Result<StoreFile> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header)?;
    for row in &rows {
        w.write_record(row)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| io::Error::other(e.to_string()))?;
    Ok(StoreFile {
        name,
        bytes,
        rows: rows.len(),
    })
}

/// The id of a fix node: its action and id (a connect fix may share an automate's id).
pub fn fix_node_id(model: &Model, f: &Fix) -> String {
    format!("{}:{}", f.action.as_str(), f.id.text(model))
}

/// The Neo4j admin-import CSV files of a report.
pub fn neo4j_csv(report: &Report) -> io::Result<Vec<StoreFile>> {
    let mut files = vec![systems(report)?, units(report)?, workflows(report)?];
    files.push(file(
        NEO4J_FILES[3],
        &["id:ID(DataObject)", ":LABEL"],
        data_objects(report.model),
    )?);
    files.push(fixes(report)?);
    files.extend(relationships(report)?);
    Ok(files)
}

fn unit_id(model: &Model, u: Option<UnitIx>) -> String {
    u.map_or(String::new(), |u| text(&model.unit(u).id))
}

const COUNTS: [&str; 7] = [
    "handoffs:int",
    "automated:int",
    "manual:int",
    "missing:int",
    "automation_rate:float",
    "annual_hours:float",
    "annual_cost:float",
];

fn systems(report: &Report) -> io::Result<StoreFile> {
    let (model, analysis) = (report.model, report.analysis);
    let unit = |u| unit_id(model, u);
    let systems = model.systems.iter().zip(&analysis.systems).map(|(s, m)| {
        let flags: Vec<&str> = m.flags.iter().map(|f| f.as_str()).collect();
        vec![
            text(&s.id),
            text(&s.name),
            s.kind.as_str().into(),
            s.kind.is_manual().to_string(),
            unit(s.unit),
            text(s.owner.as_deref().unwrap_or_default()),
            num(m.strategic_contribution),
            list(&flags),
            "System".into(),
        ]
    });
    file(
        NEO4J_FILES[0],
        &[
            "id:ID(System)",
            "name",
            "kind",
            "manual_kind:boolean",
            "unit",
            "owner",
            "strategic_contribution:float",
            "flags:string[]",
            ":LABEL",
        ],
        systems.collect(),
    )
}

fn units(report: &Report) -> io::Result<StoreFile> {
    let (model, analysis) = (report.model, report.analysis);
    let units = analysis.units.iter().map(|m| {
        let u = model.unit(m.unit);
        let c = &m.counts;
        vec![
            text(&u.id),
            text(&u.name),
            text(u.owner.as_deref().unwrap_or_default()),
            num(u.hourly_cost.unwrap_or(model.defaults.hourly_cost)),
            c.handoffs.to_string(),
            c.automated.to_string(),
            c.manual.to_string(),
            c.missing.to_string(),
            opt(c.automation_rate),
            num(c.annual_hours),
            num(c.annual_cost),
            "Unit".into(),
        ]
    });
    let header: Vec<&str> = ["id:ID(Unit)", "name", "owner", "hourly_cost:float"]
        .into_iter()
        .chain(COUNTS)
        .chain([":LABEL"])
        .collect();
    file(NEO4J_FILES[1], &header, units.collect())
}

fn workflows(report: &Report) -> io::Result<StoreFile> {
    let (model, analysis) = (report.model, report.analysis);
    let unit = |u| unit_id(model, u);
    let workflows = analysis.workflows.iter().map(|m| {
        let w = model.workflow(m.workflow);
        let c = &m.counts;
        vec![
            text(&w.id),
            text(&w.name),
            unit(w.unit),
            num(m.runs_per_year),
            c.handoffs.to_string(),
            c.automated.to_string(),
            c.manual.to_string(),
            c.missing.to_string(),
            opt(c.automation_rate),
            num(c.annual_hours),
            num(c.annual_cost),
            num(m.alignment),
            "Workflow".into(),
        ]
    });
    let header: Vec<&str> = ["id:ID(Workflow)", "name", "unit", "runs_per_year:float"]
        .into_iter()
        .chain(COUNTS)
        .chain(["alignment:float", ":LABEL"])
        .collect();
    file(NEO4J_FILES[2], &header, workflows.collect())
}

/// Every data object a handoff moves or an integration or fix carries (not `*`), sorted.
fn data_objects(model: &Model) -> Vec<Vec<String>> {
    let mut all: BTreeSet<&str> = BTreeSet::new();
    for w in &model.workflows {
        all.extend(w.handoffs.iter().map(|h| &*h.data));
    }
    for g in &model.integrations {
        all.extend(g.carries.0.iter().map(String::as_str));
    }
    for f in &model.fixes {
        all.extend(
            f.carries
                .iter()
                .flat_map(|c| c.0.iter().map(String::as_str)),
        );
    }
    all.remove("*");
    all.into_iter()
        .map(|d| vec![text(d), "DataObject".into()])
        .collect()
}

fn fixes(report: &Report) -> io::Result<StoreFile> {
    let model = report.model;
    let rows = report.analysis.fixes.iter().map(|f| {
        vec![
            text(&fix_node_id(model, f)),
            text(&f.id.text(model)),
            f.action.as_str().into(),
            text(&model.system(f.from).id),
            text(&model.system(f.to).id),
            list(&f.carries),
            f.rank.to_string(),
            num(f.cost),
            num(f.annual_hours_saved),
            num(f.annual_saving),
            num(f.strategic_value),
            opt(f.priority),
            opt(f.payback_months),
            f.aligned.to_string(),
            "Fix".into(),
        ]
    });
    file(
        NEO4J_FILES[4],
        &[
            "id:ID(Fix)",
            "fix",
            "action",
            "from",
            "to",
            "carries:string[]",
            "rank:int",
            "cost:float",
            "hours_saved:float",
            "saving:float",
            "strategic_value:float",
            "priority:float",
            "payback_months:float",
            "aligned:boolean",
            ":LABEL",
        ],
        rows.collect(),
    )
}

fn relationships(report: &Report) -> io::Result<Vec<StoreFile>> {
    let mut files = vec![integrates(report.model)?, handoffs(report)?];
    files.extend(links(report)?);
    files.push(closes(report)?);
    Ok(files)
}

fn integrates(model: &Model) -> io::Result<StoreFile> {
    let sid = |s: SystemIx| text(&model.system(s).id);
    let integrates = model.integrations.iter().map(|g| {
        let effective = rules::effective_mode(model, g.mode, g.from, g.to);
        let minutes = rules::hop_minutes(model, g.mode, g.from, g.to, g.minutes);
        vec![
            sid(g.from),
            sid(g.to),
            text(&g.id),
            g.mode.as_str().into(),
            effective.as_str().into(),
            list(&g.carries.0),
            num(minutes),
            opt(g.fix_cost),
            text(g.via.as_deref().unwrap_or_default()),
            "INTEGRATES".into(),
        ]
    });
    file(
        NEO4J_FILES[5],
        &[
            ":START_ID(System)",
            ":END_ID(System)",
            "id",
            "mode",
            "effective_mode",
            "carries:string[]",
            "minutes:float",
            "fix_cost:float",
            "via",
            ":TYPE",
        ],
        integrates.collect(),
    )
}

fn handoffs(report: &Report) -> io::Result<StoreFile> {
    let model = report.model;
    let sid = |s: SystemIx| text(&model.system(s).id);
    let handoffs = report.analysis.handoffs.iter().map(|h| {
        let w = model.workflow(h.workflow);
        vec![
            sid(h.from),
            sid(h.to),
            text(&w.id),
            h.step.to_string(),
            text(h.data(model)),
            h.status.as_str().into(),
            h.status.is_gap().to_string(),
            num(h.minutes),
            num(h.runs_per_year),
            num(h.annual_hours),
            num(h.annual_cost),
            num(h.strategic_value),
            list(&path_ids(model, &h.path)),
            "HANDOFF".into(),
        ]
    });
    file(
        NEO4J_FILES[6],
        &[
            ":START_ID(System)",
            ":END_ID(System)",
            "workflow",
            "step:int",
            "data",
            "status",
            "gap:boolean",
            "minutes:float",
            "runs_per_year:float",
            "hours:float",
            "cost:float",
            "strategic_value:float",
            "path:string[]",
            ":TYPE",
        ],
        handoffs.collect(),
    )
}

/// BELONGS_TO (systems, workflows) and SERVES.
fn links(report: &Report) -> io::Result<Vec<StoreFile>> {
    let model = report.model;
    let sid = |s: SystemIx| text(&model.system(s).id);
    let mut files = Vec::new();
    let owned = |id: &String, u: Option<UnitIx>| {
        u.map(|u| vec![text(id), text(&model.unit(u).id), "BELONGS_TO".into()])
    };
    let systems = model.systems.iter().filter_map(|s| owned(&s.id, s.unit));
    files.push(file(
        NEO4J_FILES[7],
        &[":START_ID(System)", ":END_ID(Unit)", ":TYPE"],
        systems.collect(),
    )?);
    let workflows = model.workflows.iter().filter_map(|w| owned(&w.id, w.unit));
    files.push(file(
        NEO4J_FILES[8],
        &[":START_ID(Workflow)", ":END_ID(Unit)", ":TYPE"],
        workflows.collect(),
    )?);
    let serves = report.analysis.systems.iter().flat_map(|m| {
        m.workflows
            .iter()
            .map(move |w| vec![sid(m.system), text(&model.workflow(*w).id), "SERVES".into()])
    });
    files.push(file(
        NEO4J_FILES[9],
        &[":START_ID(System)", ":END_ID(Workflow)", ":TYPE"],
        serves.collect(),
    )?);
    Ok(files)
}

fn closes(report: &Report) -> io::Result<StoreFile> {
    let model = report.model;
    let closes = report.analysis.fixes.iter().flat_map(|f| {
        f.improves.iter().map(move |i| {
            vec![
                text(&fix_node_id(model, f)),
                text(&model.workflow(i.workflow).id),
                i.step.to_string(),
                num(i.minutes_before),
                num(i.minutes_after),
                num(i.annual_hours_saved),
                "FIX_CLOSES".into(),
            ]
        })
    });
    file(
        NEO4J_FILES[10],
        &[
            ":START_ID(Fix)",
            ":END_ID(Workflow)",
            "step:int",
            "minutes_before:float",
            "minutes_after:float",
            "hours_saved:float",
            ":TYPE",
        ],
        closes.collect(),
    )
}

//! The sections that connect systems: integrations, workflows with their handoffs, fixes.

use super::super::schema;
use super::super::schema::Section;
use super::super::tree::{Mark, Node, Value};
use super::super::{
    CatalogFix, Handoff, Integration, Mode, Model, Period, Runs, Source, Sources, Workflow,
};
use super::ids::{Ids, Unique};
use super::path::Path;
use super::{Fields, Validator};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{DataName, SystemIx, UnitIx};

const SOURCES: [(&str, Source); 3] = [
    ("stated", Source::Stated),
    ("imported", Source::Imported),
    ("measured", Source::Measured),
];

const MODES: [(&str, Mode); 3] = [
    ("automated", Mode::Automated),
    ("semi", Mode::Semi),
    ("manual", Mode::Manual),
];

impl Validator {
    /// The integrations; returns their ids (given or default) with where each is.
    pub(super) fn integrations(
        &mut self,
        top: &Fields,
        systems: &Ids,
        model: &mut Model,
    ) -> Unique {
        let section = Path::top("integrations");
        let nodes = self.list(top.get("integrations"), section);
        let mut ids = Unique::new("integrations", nodes.len());
        for (i, node) in nodes.iter().enumerate() {
            let Some(f) = self.fields(node, section.index(i + 1), &schema::INTEGRATION) else {
                continue;
            };
            let (from, to) = self.endpoints(&f, systems);
            let carries = f
                .get("carries")
                .and_then(|n| self.carries(n, f.path("carries")));
            let mode = f
                .get("mode")
                .and_then(|n| self.enumeration(n, f.path("mode"), &MODES, "mode"));
            let minutes = self.opt_number(&f, "minutes");
            let fix_cost = self.opt_number(&f, "fix_cost");
            let run_cost = self.opt_number(&f, "run_cost");
            let actual_cost = self.opt_number(&f, "actual_cost");
            let sources = self.sources(&f, &schema::INTEGRATION_SOURCE);
            let via = self.opt_text(&f, "via");
            let name = self.opt_text(&f, "name");
            let note = self.opt_text(&f, "note");
            let id = self.entry_id(&f, from, to, systems);
            if let Some(id) = &id {
                let mark = f.get("id").map_or(f.mark, |n| n.mark);
                self.claim_id(&mut ids, "integration", id, i, mark);
            }
            if let (Some(id), Some(from), Some(to), Some(carries)) = (id, from, to, carries) {
                model.integrations.push(Integration {
                    id,
                    from: SystemIx::new(from),
                    to: SystemIx::new(to),
                    carries,
                    mode: mode.unwrap_or(Mode::Automated),
                    minutes,
                    fix_cost,
                    run_cost,
                    actual_cost,
                    sources,
                    via,
                    name,
                    note,
                });
            }
        }
        ids
    }

    /// The `id` of an integration or a fix: given, else `FROM->TO`.
    fn entry_id(
        &mut self,
        f: &Fields,
        from: Option<usize>,
        to: Option<usize>,
        systems: &Ids,
    ) -> Option<String> {
        match f.get("id") {
            Some(n) => self.identifier(n, f.path("id")),
            None => match (from, to) {
                (Some(a), Some(b)) => Some(format!("{}->{}", systems.id(a), systems.id(b))),
                _ => None,
            },
        }
    }

    pub(super) fn workflows(
        &mut self,
        top: &Fields,
        objectives: &Ids,
        units: &Ids,
        systems: &Ids,
        model: &mut Model,
    ) {
        let section = Path::top("workflows");
        for (key, node) in self.id_map(top.get("workflows"), section) {
            let path = section.key(&key.text);
            let built = self.expand(node, path, 2);
            let node = built.as_ref().unwrap_or(node);
            let Some(f) = self.fields(node, path, &schema::WORKFLOW) else {
                continue;
            };
            let name = self
                .opt_text(&f, "name")
                .unwrap_or_else(|| key.text.to_string());
            let unit = f
                .get("unit")
                .and_then(|n| self.reference(n, f.path("unit"), units))
                .map(UnitIx::new);
            let owner = self.opt_text(&f, "owner");
            let runs = f.get("runs").and_then(|n| self.runs(n, f.path("runs")));
            let serves = match f.get("serves") {
                Some(n) if !matches!(n.value, Value::Null) => {
                    self.objective_map(n, f.path("serves"), objectives, f.range("serves"))
                }
                _ => Vec::new(),
            };
            let sources = self.sources(&f, &schema::WORKFLOW_SOURCE);
            let mut marks = Vec::new();
            let handoffs = f
                .get("handoffs")
                .map(|n| self.handoffs(n, f.path("handoffs"), (systems, units), &mut marks))
                .unwrap_or_default();
            if let Some(runs) = runs {
                self.data_marks.append(&mut marks);
                model.workflows.push(Workflow {
                    id: key.text.to_string(),
                    name,
                    unit,
                    owner,
                    runs_count: runs.count,
                    runs_per: runs.per,
                    serves,
                    handoffs,
                    sources,
                });
            }
        }
    }

    /// The `source` map of an entry: where each figure it states comes from.
    fn sources(&mut self, f: &Fields, section: &'static Section) -> Sources {
        let mut sources = Sources::default();
        let Some(node) = f.get("source") else {
            return sources;
        };
        let Some(s) = self.fields(node, f.path("source"), section) else {
            return sources;
        };
        for field in section.fields {
            let slot = match field.name {
                "minutes" => &mut sources.minutes,
                "runs" => &mut sources.runs,
                "fix_cost" | "cost" => &mut sources.cost,
                "run_cost" => &mut sources.run_cost,
                _ => continue,
            };
            if let Some(source) = s
                .get(field.name)
                .and_then(|n| self.enumeration(n, s.path(field.name), &SOURCES, "source"))
            {
                *slot = source;
            }
        }
        sources.evidence = self.opt_text(&s, "evidence");
        sources
    }

    /// `{count, per}`, of a workflow or a handoff.
    fn runs(&mut self, node: &Node, path: Path) -> Option<Runs> {
        let periods = Period::ALL.map(|p| (p.as_str(), p));
        let r = self.fields(node, path, &schema::RUNS)?;
        let count = self.opt_number(&r, "count");
        let per = r
            .get("per")
            .and_then(|n| self.enumeration(n, r.path("per"), &periods, "period"));
        Some(Runs {
            count: count?,
            per: per?,
        })
    }

    /// A workflow's handoffs; `marks` gets where each kept one's `data` is.
    fn handoffs(
        &mut self,
        node: &Node,
        path: Path,
        (systems, units): (&Ids, &Ids),
        marks: &mut Vec<Mark>,
    ) -> Vec<Handoff> {
        let items = match &node.value {
            Value::Seq(items) if items.is_empty() => {
                self.error(
                    Code::EmptyList,
                    path.to_string(),
                    node.mark,
                    "a workflow needs at least one handoff",
                );
                return Vec::new();
            }
            Value::Seq(items) => items,
            _ => {
                self.wrong_type(path, node, "a list of handoffs");
                return Vec::new();
            }
        };
        let mut handoffs = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let Some(h) = self.fields(item, path.index(i + 1), &schema::HANDOFF) else {
                continue;
            };
            let (from, to) = self.endpoints(&h, systems);
            let data = h.get("data").and_then(|n| self.data(n, h.path("data")));
            let minutes = self.opt_number(&h, "minutes");
            let runs = match h.get("runs") {
                Some(n) => self.runs(n, h.path("runs")).map(Some),
                None => Some(None),
            };
            let by = match h.get("by") {
                Some(n) => self
                    .reference(n, h.path("by"), units)
                    .map(|u| Some(UnitIx::new(u))),
                None => Some(None),
            };
            let sources = self.sources(&h, &schema::HANDOFF_SOURCE);
            let note = self.opt_text(&h, "note");
            if let (Some(from), Some(to), Some((data, mark)), Some(runs), Some(by)) =
                (from, to, data, runs, by)
            {
                marks.push(mark);
                handoffs.push(Handoff {
                    from: SystemIx::new(from),
                    to: SystemIx::new(to),
                    data,
                    minutes,
                    runs,
                    by,
                    sources,
                    note,
                });
            }
        }
        handoffs
    }

    /// A handoff's one data object, and where it is.
    fn data(&mut self, node: &Node, path: Path) -> Option<(DataName, Mark)> {
        let data = self.text_ref(node, path)?;
        if data == "*" {
            self.error(
                Code::WildcardData,
                path.to_string(),
                node.mark,
                "a handoff moves one data object, not `*`",
            );
            return None;
        }
        let name = match self.data_names.get(data) {
            Some(name) => name.clone(),
            None => {
                let name: DataName = data.into();
                self.data_names.insert(name.clone());
                name
            }
        };
        Some((name, node.mark))
    }

    pub(super) fn fixes(
        &mut self,
        top: &Fields,
        systems: &Ids,
        integrations: &Unique,
        model: &mut Model,
    ) {
        let section = Path::top("fixes");
        let nodes = self.list(top.get("fixes"), section);
        let mut ids = Unique::new("fixes", nodes.len());
        for (i, node) in nodes.iter().enumerate() {
            let Some(f) = self.fields(node, section.index(i + 1), &schema::FIX) else {
                continue;
            };
            let (from, to) = self.endpoints(&f, systems);
            let cost = self.opt_number(&f, "cost");
            let carries = match f.get("carries") {
                Some(n) => self.carries(n, f.path("carries")).map(Some),
                None => Some(None),
            };
            let run_cost = self.opt_number(&f, "run_cost");
            let sources = self.sources(&f, &schema::FIX_SOURCE);
            let name = self.opt_text(&f, "name");
            let note = self.opt_text(&f, "note");
            let id = self.entry_id(&f, from, to, systems);
            if let (Some(id), Some(n)) = (&id, f.get("id")) {
                if let Some(other) = integrations.get(id) {
                    self.diagnostics.push(
                        Diagnostic::error(
                            Code::DuplicateId,
                            f.path("id").to_string(),
                            Some(n.pos()),
                            format!("fix id `{id}` is already the id of {other}"),
                        )
                        .with_help("fix ids must differ from integration ids"),
                    );
                }
            }
            if let Some(id) = &id {
                let mark = f.get("id").map_or(f.mark, |n| n.mark);
                self.claim_id(&mut ids, "fix", id, i, mark);
            }
            if let (Some(id), Some(from), Some(to), Some(cost), Some(carries)) =
                (id, from, to, cost, carries)
            {
                model.fixes.push(CatalogFix {
                    id,
                    from: SystemIx::new(from),
                    to: SystemIx::new(to),
                    cost,
                    carries,
                    run_cost,
                    sources,
                    name,
                    note,
                });
            }
        }
    }
}

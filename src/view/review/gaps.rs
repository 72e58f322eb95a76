//! The gaps of each workflow, with the path they take today and the fixes that close them.

use super::{
    cell, code, columns, number_cell, text, text_cell, Block, Cell, Deferred, Map, Section, Span,
    Table, Tag,
};
use crate::analysis::HandoffResult;
use crate::model::{Source, WorkflowIx};
use crate::text::{hours, minutes, money, percent, ratio};
use crate::view::index::FixesByHandoff;
use crate::view::words::PathWords;
use crate::view::Report;

/// `CRM → Closed deals tracker → Accounting`, the systems along a handoff's path.
/// Paths longer than this many systems show their two first and two last.
const PATH_SHOWN: usize = 6;

fn path_names(report: &Report, h: &HandoffResult) -> String {
    let model = report.model;
    let mut names = vec![model.system(h.from).name.as_str()];
    for i in h.path_integrations() {
        names.push(model.system(model.integration(i).to).name.as_str());
    }
    if names.len() > PATH_SHOWN {
        let hidden = names.len() - 4;
        let ends = [
            names[0],
            names[1],
            "\u{2026}",
            names[names.len() - 2],
            names[names.len() - 1],
        ];
        return format!(
            "{} ({hidden} more systems between)",
            ends.join(" \u{2192} ")
        );
    }
    names.join(" \u{2192} ")
}

/// Workflows whose blocks a worker makes at a time.
const WORKFLOWS_A_CHUNK: usize = 256;

pub(super) fn gaps_by_workflow(report: &Report, top: Option<usize>) -> Section {
    let analysis = report.analysis;
    let model = report.model;
    let mut blocks = Vec::new();
    let (mapped, left_out) = super::diagram::mapped_workflows(report);
    if left_out > 0 {
        blocks.push(super::diagram::maps_left_out(left_out));
    }
    let with_gaps = workflows_with_gaps(report);
    let automated: Vec<&crate::model::Workflow> = (0..analysis.workflows.len())
        .filter(|&w| !with_gaps[w])
        .map(|w| &model.workflows[w])
        .collect();
    if automated.len() < analysis.workflows.len() {
        // The maps are made now, for a page that draws them while it writes the rest;
        // each workflow's blocks take theirs from them.
        let map_of: Vec<WorkflowIx> = model
            .workflow_ixs()
            .filter(|w| mapped[w.index()] && with_gaps[w.index()])
            .collect();
        let maps = map_of
            .iter()
            .map(|&w| super::diagram::workflow_map(report, w, top))
            .collect();
        // Made as the document is written: each workflow's blocks hold its gap rows.
        blocks.push(Block::Deferred(Deferred::new(
            maps,
            move |report, maps, each| {
                let context = GapsContext {
                    report,
                    words: PathWords::new(report.model),
                    improved_by: report.analysis.improved_by(),
                };
                // The handoffs are listed workflow by workflow: one walk finds each one's,
                // where a search per workflow would miss the cache at every step.
                let workflows: Vec<&[HandoffResult]> = report
                    .analysis
                    .handoffs
                    .chunk_by(|a, b| a.workflow == b.workflow)
                    .collect();
                // The blocks are made on every core and written in order.
                let _stopped = crate::parallel::in_order(
                    workflows.len(),
                    WORKFLOWS_A_CHUNK,
                    |range| {
                        workflows[range]
                            .iter()
                            .flat_map(|handoffs| {
                                let w = handoffs[0].workflow;
                                let map = map_of.binary_search(&w).ok().map(|k| &maps[k]);
                                context.workflow_blocks(w.index(), handoffs, map)
                            })
                            .collect::<Vec<Block>>()
                    },
                    |blocks| {
                        for block in blocks {
                            if each(block).is_break() {
                                return Err(());
                            }
                        }
                        Ok(())
                    },
                );
            },
        )));
    }
    if blocks.is_empty() {
        let message = if analysis.workflows.is_empty() {
            "The model has no workflows."
        } else {
            "Every handoff of every workflow is automated."
        };
        blocks.push(Block::Paragraph(vec![text(message)]));
    } else if !automated.is_empty() {
        blocks.push(fully_automated(&automated));
    }
    Section {
        id: "gaps",
        title: "Gaps by workflow".to_string(),
        blocks,
    }
}

/// Whether each workflow has a manual or missing handoff, in one walk of the handoffs.
fn workflows_with_gaps(report: &Report) -> Vec<bool> {
    let analysis = report.analysis;
    let mut with_gaps = vec![false; analysis.workflows.len()];
    for h in analysis.handoffs.iter().filter(|h| h.status.is_gap()) {
        with_gaps[h.workflow.index()] = true;
    }
    with_gaps
}

/// What every workflow's gaps table reads from, built once for the whole section.
struct GapsContext<'a> {
    report: &'a Report<'a>,
    words: PathWords<'a>,
    improved_by: &'a FixesByHandoff,
}

impl GapsContext<'_> {
    /// The blocks of workflow `w` (whose handoffs are `handoffs`): its heading, what it is,
    /// its `map` if it has one, its gaps and the notes on them; none when it has no gap.
    fn workflow_blocks(
        &self,
        w: usize,
        handoffs: &[HandoffResult],
        map: Option<&Map>,
    ) -> Vec<Block> {
        let report = self.report;
        let gaps: Vec<&HandoffResult> = handoffs.iter().filter(|h| h.status.is_gap()).collect();
        if gaps.is_empty() {
            return Vec::new();
        }
        let declared = &report.model.workflows[w];
        let mut blocks = vec![
            Block::Heading(vec![
                text(&declared.name),
                text(" ("),
                code(&declared.id),
                text(")"),
            ]),
            workflow_about(report, w),
        ];
        if let Some(map) = map {
            blocks.push(Block::Diagram(map.clone()));
        }
        blocks.push(self.gaps_table(w, &gaps));
        let notes = self.gap_notes(&gaps);
        if !notes.is_empty() {
            blocks.push(Block::Bullets(notes));
        }
        blocks
    }

    /// The table of workflow `w`'s gaps.
    fn gaps_table(&self, w: usize, gaps: &[&HandoffResult]) -> Block {
        let cur = self.report.currency();
        let rows = gaps.iter().map(|h| self.gap_row(w, h)).collect();
        let cost = format!("Cost/yr ({cur})");
        let value = format!("Strategic cost/yr ({cur})");
        Block::Table(Table {
            id: format!("gaps-{}", self.report.model.workflows[w].id),
            columns: columns(&[
                ("Step", true),
                ("Handoff", false),
                ("Data", false),
                ("Status", false),
                ("Min/run", true),
                ("Path today", false),
                ("Hours/yr", true),
                (&cost, true),
                (&value, true),
                ("Source", false),
                ("Fixed by", false),
            ]),
            rows,
        })
    }

    /// One gap's row: its figures, the path it takes today and the fixes that lower it.
    fn gap_row(&self, w: usize, h: &HandoffResult) -> Vec<Cell> {
        let model = self.report.model;
        let handoff = &model.workflows[w].handoffs[h.step - 1];
        let mut data = vec![text(&*handoff.data)];
        if let Some(note) = &handoff.note {
            data.push(Span::Break);
            data.push(text(note));
        }
        let basis = h.basis();
        let source = if basis == Source::Default {
            Span::Strong(basis.as_str().to_string())
        } else {
            text(basis.as_str())
        };
        vec![
            number_cell(h.step.to_string(), Some(h.step as f64)),
            text_cell(format!(
                "{} \u{2192} {}",
                model.system(h.from).name,
                model.system(h.to).name
            )),
            cell(data),
            cell(vec![Span::Tag(
                Tag::of(h.status),
                h.status.as_str().to_string(),
            )]),
            number_cell(minutes(h.minutes), Some(h.minutes)),
            cell(path_today(self.report, h)),
            number_cell(hours(h.annual_hours), Some(h.annual_hours)),
            number_cell(money(h.annual_cost), Some(h.annual_cost)),
            number_cell(money(h.strategic_value), Some(h.strategic_value)),
            cell(vec![source]),
            text_cell(self.fixed_by(h).join(", ")),
        ]
    }

    /// The ranks of the fixes that lower a gap, or why none is listed.
    fn fixed_by(&self, h: &HandoffResult) -> Vec<String> {
        let analysis = self.report.analysis;
        let mut fixed_by: Vec<String> = self
            .improved_by
            .of(h.workflow, h.step)
            .iter()
            .map(|k| format!("#{}", analysis.fixes[*k].rank))
            .collect();
        if fixed_by.is_empty() && h.annual_hours > 0.0 {
            fixed_by.push("no fix (see below)".to_string());
        }
        fixed_by
    }

    /// Notes on how each gap's path was read, and on steps done by another unit.
    fn gap_notes(&self, gaps: &[&HandoffResult]) -> Vec<Vec<Span>> {
        let model = self.report.model;
        gaps.iter()
            .flat_map(|h| {
                self.words
                    .notes(h)
                    .into_iter()
                    .chain(crate::view::words::by_other_unit(model, h))
                    .map(move |note| vec![text(format!("Step {}: {note}", h.step))])
            })
            .collect()
    }
}

/// The line under a workflow's heading: unit, owner, runs and what its gaps cost.
fn workflow_about(report: &Report, w: usize) -> Block {
    let model = report.model;
    let cur = report.currency();
    let workflow = &report.analysis.workflows[w];
    let mut about = Vec::new();
    if let Some(u) = model.workflows[w].unit {
        about.push(format!("Unit {}", model.unit(u).name));
    }
    if let Some(owner) = &model.workflows[w].owner {
        about.push(format!("owner {owner}"));
    }
    about.push(format!(
        "{} runs a year; {} of {} handoffs automated ({}); alignment {}; gaps cost {} \
         hours = {cur} {} a year.",
        hours(workflow.runs_per_year).trim_end_matches(".0"),
        workflow.counts.automated,
        workflow.counts.handoffs,
        percent(workflow.counts.automation_rate),
        ratio(Some(workflow.alignment)),
        hours(workflow.counts.annual_hours),
        money(workflow.counts.annual_cost)
    ));
    Block::Paragraph(vec![text(about.join("; "))])
}

/// The systems a gap's data passes through today and the minutes that path takes.
fn path_today(report: &Report, h: &HandoffResult) -> Vec<Span> {
    match h.path_minutes {
        None => vec![text("no path")],
        Some(m) => {
            let mut spans = vec![
                text(path_names(report, h)),
                Span::Break,
                text(format!("{} min by this path", minutes(m))),
            ];
            if let Some(stated) = h.stated_minutes.filter(|s| *s < m) {
                spans.push(text(format!("; done by hand in {}", minutes(stated))));
            }
            spans
        }
    }
}

/// `Fully automated: Name (id), ...`, the workflows without a gap.
fn fully_automated(automated: &[&crate::model::Workflow]) -> Block {
    let mut spans = vec![text("Fully automated: ")];
    for (k, w) in automated.iter().enumerate() {
        if k > 0 {
            spans.push(text(", "));
        }
        spans.push(text(&w.name));
        spans.push(text(" ("));
        spans.push(code(&w.id));
        spans.push(text(")"));
    }
    spans.push(text("."));
    Block::Paragraph(spans)
}

/// The gaps no listed fix lowers, with their cost and why: a process change, not an
/// integration. `None` when every costed gap has a fix.
pub(super) fn unfixable(report: &Report) -> Option<Section> {
    let analysis = report.analysis;
    let model = report.model;
    let cur = report.currency();
    let line = crate::view::words::unfixable(analysis, cur)?;
    let shown = analysis.unfixable_costliest(model, crate::view::words::UNFIXABLE_SHOWN);
    let more = analysis.unfixable.len() - shown.len();
    let rows = shown
        .iter()
        .map(|u| {
            let h = &analysis.handoffs[u.handoff];
            vec![
                cell(vec![code(&model.workflow(h.workflow).id)]),
                number_cell(h.step.to_string(), Some(h.step as f64)),
                text_cell(format!(
                    "{} \u{2192} {}",
                    model.system(h.from).name,
                    model.system(h.to).name
                )),
                text_cell(h.data(model)),
                number_cell(hours(h.annual_hours), Some(h.annual_hours)),
                number_cell(money(h.annual_cost), Some(h.annual_cost)),
                text_cell(u.reason.describe(model)),
            ]
        })
        .collect();
    let cost = format!("Cost/yr ({cur})");
    let mut blocks = vec![
        Block::Paragraph(vec![text(format!(
            "{line}. No integration gapgraph can propose lowers them; they need a \
                 process change (or a catalogued fix that carries their data)."
        ))]),
        Block::Table(Table {
            id: "unfixable-table".to_string(),
            columns: columns(&[
                ("Workflow", false),
                ("Step", true),
                ("Handoff", false),
                ("Data", false),
                ("Hours/yr", true),
                (&cost, true),
                ("Why", false),
            ]),
            rows,
        }),
    ];
    if more > 0 {
        blocks.push(Block::Paragraph(vec![text(format!(
            "{more} more, each costing less; the gaps table of `--format csv --csv-table gaps` \
             marks every gap `fixable`."
        ))]));
    }
    Some(Section {
        id: "unfixable",
        title: "Gaps no fix can close".to_string(),
        blocks,
    })
}

//! The review document that `markdown` and `html` both write: the same sections, tables
//! and figures, built once from the report so the two formats cannot drift apart. Text
//! here is raw model text; each writer escapes it for its own syntax.

use super::view::{scene, View};
use super::{hours, minutes, money, percent, ratio, RenderError, Report};
use crate::analysis::{Fix, HandoffResult, Status};

/// Fixes listed when `--top` is not given; the rest are counted.
pub const DEFAULT_TOP: usize = 20;

/// Fixes marked on the embedded diagram when `--top` is not given.
const DIAGRAM_TOP: usize = 5;

/// Above this many systems the embedded diagram shows only the systems touching a gap.
const LARGE_DIAGRAM: usize = 40;

/// A piece of inline text.
pub enum Span {
    /// Plain text.
    Text(String),
    /// An identifier, shown as code.
    Code(String),
    /// Emphasised text.
    Strong(String),
    /// A coloured badge (status, flag).
    Tag(Tag, String),
    /// A line break inside a paragraph or table cell.
    Break,
}

/// The badge colours, one per meaning; `as_str` is the CSS class.
#[derive(Clone, Copy)]
pub enum Tag {
    /// An automated handoff.
    Automated,
    /// A handoff with a person in the loop.
    Manual,
    /// A handoff with no path.
    Missing,
    /// A software-audit flag.
    Flag,
}

impl Tag {
    /// The CSS class of the badge.
    pub fn as_str(self) -> &'static str {
        match self {
            Tag::Automated => "automated",
            Tag::Manual => "manual",
            Tag::Missing => "missing",
            Tag::Flag => "flag",
        }
    }

    fn of(status: Status) -> Tag {
        match status {
            Status::Automated => Tag::Automated,
            Status::Manual => Tag::Manual,
            Status::Missing => Tag::Missing,
        }
    }
}

/// A table column.
pub struct Column {
    /// Header text.
    pub title: String,
    /// Right-aligned and sorted as a number.
    pub numeric: bool,
}

/// A table cell: its text and, for numbers, the value to sort by.
pub struct Cell {
    /// What it shows.
    pub spans: Vec<Span>,
    /// The number behind it (`None`: no value, sorts last).
    pub sort: Option<f64>,
}

/// A table.
pub struct Table {
    /// Stable id (HTML anchor, tests).
    pub id: String,
    /// Columns.
    pub columns: Vec<Column>,
    /// Rows of cells, one per column.
    pub rows: Vec<Vec<Cell>>,
}

/// A headline number.
pub struct Figure {
    /// The number, formatted.
    pub value: String,
    /// What it counts.
    pub label: String,
    /// Whether it measures a loss (drawn in the gap colour).
    pub loss: bool,
}

/// A block of the document.
pub enum Block {
    /// A sub-heading.
    Heading(Vec<Span>),
    /// A paragraph.
    Paragraph(Vec<Span>),
    /// A bulleted list.
    Bullets(Vec<Vec<Span>>),
    /// A table.
    Table(Table),
    /// Headline numbers.
    Figures(Vec<Figure>),
    /// The integration map, drawn with this focus.
    Diagram(View),
}

/// A top-level section.
pub struct Section {
    /// Stable id (HTML anchor).
    pub id: &'static str,
    /// Heading.
    pub title: String,
    /// Content.
    pub blocks: Vec<Block>,
}

/// The whole review document.
pub struct Document {
    /// The model's name.
    pub title: String,
    /// Blocks under the title (the strategy in force).
    pub lead: Vec<Block>,
    /// Sections in reading order.
    pub sections: Vec<Section>,
}

fn text(s: impl Into<String>) -> Span {
    Span::Text(s.into())
}

fn code(s: impl Into<String>) -> Span {
    Span::Code(s.into())
}

fn cell(spans: Vec<Span>) -> Cell {
    Cell { spans, sort: None }
}

fn text_cell(s: impl Into<String>) -> Cell {
    cell(vec![text(s)])
}

fn number_cell(shown: String, value: Option<f64>) -> Cell {
    Cell {
        spans: vec![text(shown)],
        sort: value,
    }
}

fn columns(titles: &[(&str, bool)]) -> Vec<Column> {
    titles
        .iter()
        .map(|(title, numeric)| Column {
            title: title.to_string(),
            numeric: *numeric,
        })
        .collect()
}

/// Builds the review document of `report`.
pub fn document(report: &Report) -> Result<Document, RenderError> {
    let analysis = report.analysis;
    let title = analysis
        .model_name
        .clone()
        .unwrap_or_else(|| "gapgraph report".to_string());
    let mut sections = vec![summary(report), fixes(report)];
    sections.push(diagram(report)?);
    sections.push(gaps_by_workflow(report));
    sections.push(automation(report));
    sections.push(audit(report));
    let warnings = report.warning_lines();
    if !warnings.is_empty() {
        sections.push(Section {
            id: "warnings",
            title: "Warnings".to_string(),
            blocks: vec![Block::Bullets(
                warnings.iter().map(|w| backticked(w)).collect(),
            )],
        });
    }
    Ok(Document {
        title,
        lead: strategy(report),
        sections,
    })
}

/// A diagnostic's text with its `quoted` ids as code spans, the way it reads on a
/// terminal; text with an odd number of backticks stays plain.
fn backticked(s: &str) -> Vec<Span> {
    if s.matches('`').count() % 2 == 1 {
        return vec![text(s)];
    }
    s.split('`')
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(k, part)| if k % 2 == 1 { code(part) } else { text(part) })
        .collect()
}

fn strategy(report: &Report) -> Vec<Block> {
    let Some(strategy) = &report.analysis.strategy else {
        return vec![Block::Paragraph(vec![text(
            "No strategies declared: every workflow counts in full (alignment 1), so \
             strategic value equals saving.",
        )])];
    };
    let mut blocks = vec![Block::Paragraph(vec![
        text("Strategy in force: "),
        Span::Strong(strategy.name.clone()),
        text(" ("),
        code(&strategy.id),
        text(
            "). Each fix is valued by the staff cost it removes, weighted by how much the \
              workflows it helps serve these objectives:",
        ),
    ])];
    if let Some(description) = &report.model.strategies[strategy.index].description {
        blocks.insert(1, Block::Paragraph(vec![text(description)]));
    }
    let total: f64 = strategy.weights.iter().map(|w| w.weight).sum();
    blocks.push(Block::Bullets(
        strategy
            .weights
            .iter()
            .map(|w| {
                vec![
                    text(&w.name),
                    text(" ("),
                    code(&w.id),
                    text(format!(
                        "): weight {} ({} of the total)",
                        minutes(w.weight),
                        percent(Some(w.weight / total))
                    )),
                ]
            })
            .collect(),
    ));
    blocks
}

fn summary(report: &Report) -> Section {
    let s = &report.analysis.summary;
    let cur = report.currency();
    let gaps = s.manual + s.missing;
    let mut blocks = vec![Block::Figures(vec![
        Figure {
            value: percent(s.automation_rate),
            label: "of handoffs automated, weighted by how often they run".to_string(),
            loss: false,
        },
        Figure {
            value: percent(s.strategic_automation),
            label: "automated, weighted by runs and strategic alignment".to_string(),
            loss: false,
        },
        Figure {
            value: gaps.to_string(),
            label: format!(
                "gaps ({} manual, {} missing) in {} handoffs of {} workflows",
                s.manual, s.missing, s.handoffs, s.workflows
            ),
            loss: gaps > 0,
        },
        Figure {
            value: hours(s.annual_hours),
            label: "staff hours a year spent working around the gaps".to_string(),
            loss: s.annual_hours > 0.0,
        },
        Figure {
            value: format!("{cur} {}", money(s.annual_cost)),
            label: "a year: the staff cost of the gaps".to_string(),
            loss: s.annual_cost > 0.0,
        },
        Figure {
            value: format!("{cur} {}", money(s.strategic_value)),
            label: if report.analysis.strategy.is_some() {
                "of that cost, weighted by the strategy in force".to_string()
            } else {
                "strategic value: without strategies every workflow counts in full".to_string()
            },
            loss: s.strategic_value > 0.0,
        },
    ])];
    if let Some(best) = report.analysis.fixes.first() {
        let mut spans = vec![
            text("Best first step: "),
            code(&best.id),
            text(format!(
                " ({}, {cur} {}) saves {} staff hours = {cur} {} a year",
                best.action.as_str(),
                money(best.cost),
                hours(best.annual_hours_saved),
                money(best.annual_saving)
            )),
        ];
        match best.payback_months {
            Some(m) if m > 0.0 => spans.push(text(format!(
                " and pays back in {} months.",
                ratio(Some(m))
            ))),
            Some(_) => spans.push(text(" at no cost.")),
            None => spans.push(text(".")),
        }
        blocks.push(Block::Paragraph(spans));
    }
    Section {
        id: "summary",
        title: "Summary".to_string(),
        blocks,
    }
}

/// Why a fix ranks where it does: the handoffs it makes cheaper and the objectives it
/// serves, one per line.
fn why(report: &Report, fix: &Fix) -> Vec<Span> {
    let cur = report.currency();
    let mut spans = Vec::new();
    const SHOWN: usize = 3;
    for (k, i) in fix.improves.iter().enumerate() {
        if k == SHOWN {
            spans.push(Span::Break);
            spans.push(text(format!(
                "and {} more handoffs",
                fix.improves.len() - SHOWN
            )));
            break;
        }
        if k > 0 {
            spans.push(Span::Break);
        }
        spans.push(text(format!(
            "closes {} step {}: {}, {} \u{2192} {}\u{a0}min",
            i.workflow,
            i.step,
            i.data,
            minutes(i.minutes_before),
            minutes(i.minutes_after)
        )));
    }
    let names = report.analysis.strategy.as_ref().map(|s| &s.weights);
    let served: Vec<(String, f64)> = fix
        .objectives
        .iter()
        .filter(|(_, v)| **v > 0.0)
        .map(|(id, v)| {
            let name = names
                .and_then(|ws| ws.iter().find(|w| &w.id == id))
                .map_or_else(|| id.clone(), |w| w.name.clone());
            (name, *v)
        })
        .collect();
    for (name, value) in served {
        spans.push(Span::Break);
        spans.push(text(format!("serves {name}: {cur} {}", money(value))));
    }
    if !fix.aligned {
        spans.push(Span::Break);
        spans.push(text("serves no objective of this strategy"));
    }
    spans
}

fn fixes(report: &Report) -> Section {
    let cur = report.currency();
    let all = &report.analysis.fixes;
    let shown = report.fixes(Some(DEFAULT_TOP));
    let mut blocks = Vec::new();
    if all.is_empty() {
        blocks.push(Block::Paragraph(vec![text(
            "No fix would save any time: every handoff is automated, or no candidate shortens one.",
        )]));
        return Section {
            id: "fixes",
            title: "Ranked fixes".to_string(),
            blocks,
        };
    }
    blocks.push(Block::Paragraph(vec![text(format!(
        "{} of {} fixes, {}. Priority is strategic value a year per {cur} spent; \
         each fix is valued alone against today's model.",
        shown.len(),
        all.len(),
        report.analysis.ranked_by.describe(cur)
    ))]));
    let rows: Vec<Vec<Cell>> = shown
        .iter()
        .map(|fix| {
            let mut name = vec![code(&fix.id)];
            if let Some(n) = &fix.name {
                name.push(Span::Break);
                name.push(text(n));
            }
            name.push(Span::Break);
            name.push(text(format!(
                "{} \u{2192} {}: {}",
                fix.from,
                fix.to,
                super::view::short_list(&fix.carries, super::view::LABEL_ITEMS)
            )));
            vec![
                number_cell(fix.rank.to_string(), Some(fix.rank as f64)),
                cell(name),
                text_cell(fix.action.as_str()),
                number_cell(money(fix.cost), Some(fix.cost)),
                number_cell(hours(fix.annual_hours_saved), Some(fix.annual_hours_saved)),
                number_cell(money(fix.annual_saving), Some(fix.annual_saving)),
                number_cell(money(fix.strategic_value), Some(fix.strategic_value)),
                match fix.priority {
                    Some(p) => number_cell(ratio(Some(p)), Some(p)),
                    None => number_cell("free".to_string(), Some(f64::INFINITY)),
                },
                number_cell(ratio(fix.payback_months), fix.payback_months),
                text_cell(fix.workflows.join(", ")),
                cell(why(report, fix)),
            ]
        })
        .collect();
    // `--top 0` gives no table rather than a header without rows.
    if !rows.is_empty() {
        blocks.push(fix_table(cur, rows));
    }
    if all.len() > shown.len() {
        blocks.push(Block::Paragraph(vec![text(format!(
            "{} more fixes not listed; use --top {} to list all.",
            all.len() - shown.len(),
            all.len()
        ))]));
    }
    Section {
        id: "fixes",
        title: "Ranked fixes".to_string(),
        blocks,
    }
}

fn fix_table(cur: &str, rows: Vec<Vec<Cell>>) -> Block {
    let cost = format!("Cost ({cur})");
    let saving = format!("Saving/yr ({cur})");
    let value = format!("Strategic value/yr ({cur})");
    Block::Table(Table {
        id: "fix-table".to_string(),
        columns: columns(&[
            ("#", true),
            ("Fix", false),
            ("Action", false),
            (&cost, true),
            ("Hours saved/yr", true),
            (&saving, true),
            (&value, true),
            ("Priority", true),
            ("Payback (months)", true),
            ("Workflows", false),
            ("Why", false),
        ]),
        rows,
    })
}

fn diagram(report: &Report) -> Result<Section, RenderError> {
    let mut view = report.view.clone();
    if view == View::default() {
        view.top = report.top.unwrap_or(DIAGRAM_TOP);
    }
    let mut blocks = Vec::new();
    let systems = scene(&report.with_view(view.clone()))?.systems.len();
    if systems > LARGE_DIAGRAM && view == View::default().with_top(view.top) {
        // A whole large estate is unreadable on a page; show where the best fixes act,
        // adding the workflows of one fix after another while the picture stays small.
        let mut focus = View {
            gaps_only: true,
            ..view.clone()
        };
        let mut fixes_shown = 0;
        for fix in report.analysis.fixes.iter().take(view.top.max(1)) {
            let mut wider = focus.clone();
            for w in &fix.workflows {
                if !wider.workflows.contains(w) {
                    wider.workflows.push(w.clone());
                }
            }
            let size = scene(&report.with_view(wider.clone()))?.systems.len();
            if fixes_shown > 0 && size > LARGE_DIAGRAM {
                break;
            }
            focus = wider;
            fixes_shown += 1;
        }
        let shown = scene(&report.with_view(focus.clone()))?.systems.len();
        let which = if fixes_shown == 1 {
            "the best fix improves".to_string()
        } else {
            format!("the top {fixes_shown} fixes improve")
        };
        let mut spans = vec![text(format!(
            "The model has {} systems, too many for one picture; this map shows the {shown} \
             on the gaps of the workflows that {which}",
            report.model.systems.len(),
        ))];
        for (k, w) in focus.workflows.iter().enumerate() {
            spans.push(text(if k == 0 { " (" } else { ", " }));
            spans.push(code(w));
        }
        spans.push(text(if focus.workflows.is_empty() {
            ". "
        } else {
            "). "
        }));
        spans.push(text("For any one workflow, run "));
        spans.push(code("gapgraph diagram MODEL --workflow ID --format svg"));
        spans.push(text("."));
        blocks.push(Block::Paragraph(spans));
        view = focus;
    }
    blocks.push(Block::Diagram(view.clone()));
    let fixes = match view.top {
        0 => "no fix is marked (--top 0).".to_string(),
        1 => "green arrows and badges mark the best fix.".to_string(),
        n => format!("green arrows and badges mark the top {n} fixes by rank."),
    };
    blocks.push(Block::Paragraph(vec![text(format!(
        "Boxes are systems grouped by business unit; yellow shapes are manual kinds \
         (spreadsheet, e-mail, paper, person). Blue solid arrows are automated integrations; \
         dashed arrows have a person in the loop (amber semi, red manual, with minutes per \
         use); red dotted arrows are handoffs with no path at all (hours a year); {fixes}"
    ))]));
    Ok(Section {
        id: "diagram",
        title: "Integration map".to_string(),
        blocks,
    })
}

/// `CRM → Closed deals tracker → Accounting`, the systems along a handoff's path.
/// Paths longer than this many systems show their two first and two last.
const PATH_SHOWN: usize = 6;

fn path_names(report: &Report, h: &HandoffResult) -> String {
    let model = report.model;
    let mut names = vec![model.systems[h.from_index].name.as_str()];
    for i in &h.path_integrations {
        names.push(model.systems[model.integrations[*i].to].name.as_str());
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

fn gaps_by_workflow(report: &Report) -> Section {
    let analysis = report.analysis;
    let model = report.model;
    let cur = report.currency();
    let mut blocks = Vec::new();
    let mut automated = Vec::new();
    for (w, workflow) in analysis.workflows.iter().enumerate() {
        let gaps: Vec<&HandoffResult> = analysis
            .handoffs
            .iter()
            .filter(|h| h.workflow_index == w && h.status.is_gap())
            .collect();
        if gaps.is_empty() {
            automated.push(workflow);
            continue;
        }
        blocks.push(Block::Heading(vec![
            text(&workflow.name),
            text(" ("),
            code(&workflow.id),
            text(")"),
        ]));
        let mut about = Vec::new();
        if let Some(u) = model.workflows[w].unit {
            about.push(format!("Unit {}", model.units[u].name));
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
        blocks.push(Block::Paragraph(vec![text(about.join("; "))]));
        let rows = gaps
            .iter()
            .map(|h| {
                let handoff = &model.workflows[w].handoffs[h.step - 1];
                let mut data = vec![text(&h.data)];
                if let Some(note) = &handoff.note {
                    data.push(Span::Break);
                    data.push(text(note));
                }
                let path = match h.path_minutes {
                    None => vec![text("no path")],
                    Some(m) => {
                        let mut spans = vec![
                            text(path_names(report, h)),
                            Span::Break,
                            text(format!("{} min by this path", minutes(m))),
                        ];
                        if h.fallback_minutes < m {
                            spans.push(text(format!(
                                "; done by hand in {}",
                                minutes(h.fallback_minutes)
                            )));
                        }
                        spans
                    }
                };
                let fixed_by: Vec<String> = analysis
                    .fixes
                    .iter()
                    .filter(|f| {
                        f.improves
                            .iter()
                            .any(|i| i.workflow == h.workflow && i.step == h.step)
                    })
                    .map(|f| format!("#{}", f.rank))
                    .collect();
                vec![
                    number_cell(h.step.to_string(), Some(h.step as f64)),
                    text_cell(format!(
                        "{} \u{2192} {}",
                        model.systems[h.from_index].name, model.systems[h.to_index].name
                    )),
                    cell(data),
                    cell(vec![Span::Tag(
                        Tag::of(h.status),
                        h.status.as_str().to_string(),
                    )]),
                    number_cell(minutes(h.minutes), Some(h.minutes)),
                    cell(path),
                    number_cell(hours(h.annual_hours), Some(h.annual_hours)),
                    number_cell(money(h.annual_cost), Some(h.annual_cost)),
                    number_cell(money(h.strategic_value), Some(h.strategic_value)),
                    text_cell(fixed_by.join(", ")),
                ]
            })
            .collect();
        let cost = format!("Cost/yr ({cur})");
        let value = format!("Strategic/yr ({cur})");
        blocks.push(Block::Table(Table {
            id: format!("gaps-{}", workflow.id),
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
                ("Fixed by", false),
            ]),
            rows,
        }));
    }
    if blocks.is_empty() {
        let message = if analysis.workflows.is_empty() {
            "The model has no workflows."
        } else {
            "Every handoff of every workflow is automated."
        };
        blocks.push(Block::Paragraph(vec![text(message)]));
    } else if !automated.is_empty() {
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
        blocks.push(Block::Paragraph(spans));
    }
    Section {
        id: "gaps",
        title: "Gaps by workflow".to_string(),
        blocks,
    }
}

fn name_and_id(name: &str, id: &str) -> Vec<Span> {
    if name == id {
        vec![code(id)]
    } else {
        vec![text(name), Span::Break, code(id)]
    }
}

/// A unit's display name from its id (empty without one).
fn unit_name(report: &Report, id: Option<&str>) -> String {
    id.and_then(|id| report.model.units.iter().find(|u| u.id == id))
        .map(|u| u.name.clone())
        .unwrap_or_default()
}

fn automation(report: &Report) -> Section {
    let analysis = report.analysis;
    let cur = report.currency();
    let cost = format!("Cost/yr ({cur})");
    let mut blocks = Vec::new();
    if !analysis.workflows.is_empty() {
        blocks.push(Block::Heading(vec![text("By workflow")]));
        blocks.push(Block::Table(Table {
            id: "workflow-table".to_string(),
            columns: columns(&[
                ("Workflow", false),
                ("Unit", false),
                ("Runs/yr", true),
                ("Handoffs", true),
                ("Automated", true),
                ("Manual", true),
                ("Missing", true),
                ("Automation", true),
                ("Hours/yr", true),
                (&cost, true),
                ("Alignment", true),
            ]),
            rows: analysis
                .workflows
                .iter()
                .map(|w| {
                    let c = &w.counts;
                    vec![
                        cell(name_and_id(&w.name, &w.id)),
                        text_cell(unit_name(report, w.unit.as_deref())),
                        number_cell(
                            hours(w.runs_per_year).trim_end_matches(".0").to_string(),
                            Some(w.runs_per_year),
                        ),
                        number_cell(c.handoffs.to_string(), Some(c.handoffs as f64)),
                        number_cell(c.automated.to_string(), Some(c.automated as f64)),
                        number_cell(c.manual.to_string(), Some(c.manual as f64)),
                        number_cell(c.missing.to_string(), Some(c.missing as f64)),
                        number_cell(percent(c.automation_rate), c.automation_rate),
                        number_cell(hours(c.annual_hours), Some(c.annual_hours)),
                        number_cell(money(c.annual_cost), Some(c.annual_cost)),
                        number_cell(ratio(Some(w.alignment)), Some(w.alignment)),
                    ]
                })
                .collect(),
        }));
    }
    if !analysis.units.is_empty() {
        blocks.push(Block::Heading(vec![text("By business unit")]));
        blocks.push(Block::Table(Table {
            id: "unit-table".to_string(),
            columns: columns(&[
                ("Unit", false),
                ("Owner", false),
                ("Handoffs", true),
                ("Automated", true),
                ("Manual", true),
                ("Missing", true),
                ("Automation", true),
                ("Hours/yr", true),
                (&cost, true),
            ]),
            rows: analysis
                .units
                .iter()
                .map(|u| {
                    let c = &u.counts;
                    vec![
                        cell(name_and_id(&u.name, &u.id)),
                        text_cell(u.owner.clone().unwrap_or_default()),
                        number_cell(c.handoffs.to_string(), Some(c.handoffs as f64)),
                        number_cell(c.automated.to_string(), Some(c.automated as f64)),
                        number_cell(c.manual.to_string(), Some(c.manual as f64)),
                        number_cell(c.missing.to_string(), Some(c.missing as f64)),
                        number_cell(percent(c.automation_rate), c.automation_rate),
                        number_cell(hours(c.annual_hours), Some(c.annual_hours)),
                        number_cell(money(c.annual_cost), Some(c.annual_cost)),
                    ]
                })
                .collect(),
        }));
    }
    if blocks.is_empty() {
        blocks.push(Block::Paragraph(vec![text(
            "The model has no workflows and no units.",
        )]));
    }
    Section {
        id: "automation",
        title: "Automation".to_string(),
        blocks,
    }
}

fn audit(report: &Report) -> Section {
    let analysis = report.analysis;
    let cur = report.currency();
    let flagged: Vec<_> = analysis
        .systems
        .iter()
        .filter(|s| !s.flags.is_empty())
        .collect();
    let mut blocks = Vec::new();
    if flagged.is_empty() {
        blocks.push(Block::Paragraph(vec![text(
            if analysis.systems.is_empty() {
                "The model has no systems."
            } else {
                "No system is flagged."
            },
        )]));
    } else {
        let annual = format!("Annual cost ({cur})");
        blocks.push(Block::Table(Table {
            id: "audit-table".to_string(),
            columns: columns(&[
                ("System", false),
                ("Kind", false),
                ("Unit", false),
                ("Owner", false),
                ("Flags", false),
                ("Workflows", false),
                ("Satisfaction", true),
                (&annual, true),
            ]),
            rows: flagged
                .iter()
                .map(|s| {
                    let mut flags = Vec::new();
                    for (k, f) in s.flags.iter().enumerate() {
                        if k > 0 {
                            flags.push(text(" "));
                        }
                        flags.push(Span::Tag(Tag::Flag, f.as_str().to_string()));
                    }
                    let unit = unit_name(report, s.unit.as_deref());
                    vec![
                        cell(name_and_id(&s.name, &s.id)),
                        text_cell(s.kind),
                        text_cell(unit),
                        text_cell(s.owner.clone().unwrap_or_default()),
                        cell(flags),
                        text_cell(s.workflows.join(", ")),
                        number_cell(
                            s.satisfaction
                                .map(|x| format!("{} / 5", minutes(x)))
                                .unwrap_or_default(),
                            s.satisfaction,
                        ),
                        number_cell(s.annual_cost.map(money).unwrap_or_default(), s.annual_cost),
                    ]
                })
                .collect(),
        }));
        let meaning = [
            (
                "unused",
                "no workflow touches it: retire it or model the work it does",
            ),
            (
                "unaligned",
                "only workflows that serve none of the strategy's objectives touch it",
            ),
            (
                "island",
                "no automated integration reaches it: every exchange needs a person",
            ),
            (
                "shadow-it",
                "a spreadsheet, mailbox, paper form or person that a workflow runs through",
            ),
        ];
        blocks.push(Block::Bullets(
            meaning
                .iter()
                .filter(|(flag, _)| {
                    flagged
                        .iter()
                        .any(|s| s.flags.iter().any(|f| f.as_str() == *flag))
                })
                .map(|(flag, what)| {
                    vec![
                        Span::Tag(Tag::Flag, flag.to_string()),
                        text(format!(": {what}")),
                    ]
                })
                .collect(),
        ));
    }
    Section {
        id: "audit",
        title: "Software audit".to_string(),
        blocks,
    }
}

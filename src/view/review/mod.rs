//! The review document that `markdown` and `html` both write: the same sections, tables
//! and figures, built once from the report so the two formats cannot drift apart. Text
//! here is raw model text; each writer escapes it for its own syntax.

mod audit;
mod automation;
mod diagram;
mod fixes;
mod gaps;
mod key;
mod owners;
mod roadmap;
mod summary;

use std::ops::ControlFlow;

use super::provenance::VERSION;
use super::scene::View;
use super::{Provenance, Report};
use crate::analysis::Status;
use crate::decide::Roadmap;

pub use key::{KeyEntry, Sample};
pub use roadmap::StepChart;

/// What a review document shows besides the report itself.
#[derive(Clone, Debug, Default)]
pub struct ReviewOptions {
    /// Fixes listed (`None`: 20) and marked on the maps (`None`: 5).
    pub top: Option<usize>,
    /// The roadmap for a "Roadmap" section right after the fixes, planned beforehand.
    pub roadmap: Option<Roadmap>,
    /// Where the document came from (`None`: not recorded).
    pub provenance: Option<Provenance>,
}

/// The review document of a report, built once for every format that writes it
/// (Markdown, HTML). Its maps are drawn from `report` with the focus each block names.
pub struct Review<'a> {
    /// What the document is about.
    pub report: Report<'a>,
    /// Its sections, tables and figures.
    pub document: Document,
}

impl<'a> Review<'a> {
    /// The review document of `report`.
    pub fn new(report: Report<'a>, options: &ReviewOptions) -> Review<'a> {
        let document = document(
            &report,
            options.top,
            options.roadmap.as_ref(),
            options.provenance.as_ref(),
        );
        Review { report, document }
    }
}

/// A piece of inline text.
#[derive(Clone)]
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

/// A map of the document: what it draws and the sentences under it.
#[derive(Clone)]
pub struct Map {
    /// Its focus.
    pub view: View,
    /// What it shows.
    pub caption: Vec<Span>,
    /// What it shows when Graphviz could not lay its unit boxes out and it was drawn
    /// without them (`None`: the same caption).
    pub caption_unboxed: Option<Vec<Span>>,
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
    /// A sentence set apart: the recommendation a reader must not miss.
    Callout(Vec<Span>),
    /// A map, drawn with its focus, and its caption.
    Diagram(Map),
    /// The key to the document's maps, once for all of them.
    Key(Vec<KeyEntry>),
    /// The roadmap's cumulative saving, step by step.
    Chart(roadmap::StepChart),
    /// Blocks made only as a writer reaches them, one at a time.
    Deferred(Deferred),
}

impl Block {
    /// The maps this block is or holds: a map's own, a deferred block's known ahead.
    pub fn maps(&self) -> &[Map] {
        match self {
            Block::Diagram(map) => std::slice::from_ref(map),
            Block::Deferred(deferred) => deferred.maps(),
            _ => &[],
        }
    }
}

/// What a writer does with each block a [`Deferred`] makes: go on, or stop (it failed).
pub type Each<'w> = dyn FnMut(Block) -> ControlFlow<()> + 'w;

/// Blocks made only when the document is written, each dropped once written: a
/// landscape's gaps by workflow (200,000 workflows, 700,000 gap rows) is never held whole.
/// It owns what it needs besides the report, which the writer hands it.
pub struct Deferred {
    make: Box<Make>,
    maps: Vec<Map>,
}

/// What makes a [`Deferred`]'s blocks.
// Send and Sync so that blocks can be made on other threads (gaps.rs).
type Make = dyn Fn(&Report, &[Map], &mut Each) + Send + Sync;

impl Deferred {
    /// Blocks made by `make` from the report, as they are written; `maps` are the maps
    /// among them, in order, made ahead so that a page can have them drawn meanwhile
    /// (`make` is handed them, to place each where it goes).
    pub fn new(
        maps: Vec<Map>,
        make: impl Fn(&Report, &[Map], &mut Each) + Send + Sync + 'static,
    ) -> Deferred {
        Deferred {
            make: Box::new(make),
            maps,
        }
    }

    /// The maps its blocks hold, in order.
    pub fn maps(&self) -> &[Map] {
        &self.maps
    }

    /// Makes the blocks and hands each to `write`, in order, until it says stop.
    pub fn each(&self, report: &Report, write: &mut Each) {
        (self.make)(report, &self.maps, write);
    }
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
    /// Blocks under the title, before the sections (the review has none: its headline is
    /// the first section).
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

/// Builds the review document of `report`, listing the best `top` fixes (`None`: 20) and
/// marking them on the maps (`None`: 5), with a "Roadmap" section right after the fixes when
/// a `roadmap` is given, and its provenance when recorded.
fn document(
    report: &Report,
    top: Option<usize>,
    roadmap: Option<&Roadmap>,
    provenance: Option<&Provenance>,
) -> Document {
    let analysis = report.analysis;
    let title = analysis
        .model_name
        .clone()
        .unwrap_or_else(|| "gapgraph report".to_string());
    // The headline first: what the gaps cost and the best first step, on the first screen.
    let mut sections = vec![
        summary::summary(report),
        diagram::overview(report, top),
        fixes::fixes(report, top),
    ];
    if let Some(roadmap) = roadmap {
        sections.push(roadmap::roadmap_section(report, roadmap));
    }
    sections.extend(diagram::integration_map(report, top));
    sections.push(gaps::gaps_by_workflow(report, top));
    sections.extend(gaps::unfixable(report));
    sections.push(automation::automation(report));
    let listed = report.fixes(Some(top.unwrap_or(fixes::DEFAULT_TOP)));
    let mut audit = audit::audit(report);
    audit.blocks.push(owners::missing_block(report, listed));
    sections.push(audit);
    sections.push(owners::owners_section(report, listed));
    let warnings = report.readable_warning_lines();
    if !warnings.is_empty() {
        sections.push(Section {
            id: "warnings",
            title: "Warnings".to_string(),
            blocks: vec![Block::Bullets(
                warnings.iter().map(|w| backticked(w)).collect(),
            )],
        });
    }
    sections.push(about(report, provenance));
    let maps: Vec<&Map> = sections
        .iter()
        .flat_map(|s| &s.blocks)
        .flat_map(Block::maps)
        .collect();
    if let Some(key) = key::key(report, &maps) {
        // Before the first map (the unit overview's).
        if let Some(section) = sections
            .iter_mut()
            .find(|s| s.blocks.iter().any(|b| matches!(b, Block::Diagram(_))))
        {
            section.blocks.insert(0, key);
        }
    }
    Document {
        title,
        lead: Vec::new(),
        sections,
    }
}

/// What the document was made from and by, to put it on record.
fn about(report: &Report, provenance: Option<&Provenance>) -> Section {
    let strategy = match &report.analysis.strategy {
        Some(s) => vec![
            text("Strategy: "),
            text(&s.name),
            text(" ("),
            code(&s.id),
            text(")"),
        ],
        None => vec![text("Strategy: none declared")],
    };
    let mut items = vec![vec![text(format!("Made by gapgraph {VERSION}"))]];
    if let Some(p) = provenance {
        items.push(vec![text("Model file: "), code(&p.model_file)]);
        items.push(vec![text("Model SHA-256: "), code(&p.model_sha256)]);
        items.push(strategy);
        items.push(vec![text(format!("Date: {}", p.date))]);
        items.push(vec![text("Command: "), code(&p.command_line)]);
    } else {
        items.push(strategy);
    }
    Section {
        id: "provenance",
        title: "About this document".to_string(),
        blocks: vec![Block::Bullets(items)],
    }
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

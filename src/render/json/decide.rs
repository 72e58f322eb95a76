//! The JSON documents of the decision commands: `gapgraph.compare/v1`,
//! `gapgraph.diff/v1`, `gapgraph.sensitivity/v1` and `gapgraph.explain/v1` (the diff and
//! explain documents are built in `diff.rs` and `explain.rs`). Kept apart from `mod.rs`
//! (the report and the plan) for size only; the same rule holds: wire types here, built
//! from the results, so a renamed field is a compile error.

use std::borrow::Cow;
use std::io::Write;

use indexmap::IndexMap;
use serde::Serialize;

use super::write_json;
use crate::render::{Render, RenderError};
use crate::view::{CompareReport, SensitivityReport};

/// The schema of `compare --format json`.
pub const COMPARE_SCHEMA: &str = "gapgraph.compare/v1";
/// The schema of `diff --format json`.
pub const DIFF_SCHEMA: &str = "gapgraph.diff/v1";
/// The schema of `sensitivity --format json`.
pub const SENSITIVITY_SCHEMA: &str = "gapgraph.sensitivity/v1";
/// The schema of `explain --format json`.
pub const EXPLAIN_SCHEMA: &str = "gapgraph.explain/v1";

#[derive(Serialize)]
struct StandingWire {
    rank: usize,
    strategic_value: f64,
    priority: Option<f64>,
    aligned: bool,
}

#[derive(Serialize)]
struct CompareRowWire<'a> {
    id: Cow<'a, str>,
    action: &'static str,
    cost: f64,
    annual_saving: f64,
    strategies: IndexMap<&'a str, Option<StandingWire>>,
}

#[derive(Serialize)]
struct FlipWire<'a> {
    id: Cow<'a, str>,
    action: &'static str,
    high: &'a str,
    high_rank: usize,
    low: &'a str,
    low_rank: usize,
    low_aligned: bool,
    sentence: String,
}

/// `compare --format json`.
pub struct CompareJson;

impl Render<CompareReport<'_>> for CompareJson {
    fn render(&self, report: &CompareReport, out: &mut dyn Write) -> Result<(), RenderError> {
        #[derive(Serialize)]
        struct Document<'a> {
            schema: &'static str,
            currency: &'a str,
            strategies: Vec<&'a str>,
            fixes: Vec<CompareRowWire<'a>>,
            flips: Vec<FlipWire<'a>>,
        }
        let c = report.comparison;
        let ids: Vec<&str> = c.strategies.iter().map(|s| s.id.as_str()).collect();
        let document = Document {
            schema: COMPARE_SCHEMA,
            currency: report.currency,
            strategies: ids.clone(),
            fixes: c
                .rows
                .iter()
                .map(|r| CompareRowWire {
                    id: r.id.text(report.model),
                    action: r.action.as_str(),
                    cost: r.cost,
                    annual_saving: r.annual_saving,
                    strategies: ids
                        .iter()
                        .zip(&r.standings)
                        .map(|(id, s)| {
                            (
                                *id,
                                s.as_ref().map(|s| StandingWire {
                                    rank: s.rank,
                                    strategic_value: s.strategic_value,
                                    priority: s.priority,
                                    aligned: s.aligned,
                                }),
                            )
                        })
                        .collect(),
                })
                .collect(),
            flips: c
                .flips
                .iter()
                .map(|f| FlipWire {
                    id: f.id.text(report.model),
                    action: f.action.as_str(),
                    high: ids[f.high],
                    high_rank: f.high_rank,
                    low: ids[f.low],
                    low_rank: f.low_rank,
                    low_aligned: f.low_aligned,
                    sentence: c.sentence(report.model, f),
                })
                .collect(),
        };
        write_json(out, &document)
    }
}

/// `sensitivity --format json`, exactly the fields the issue names.
pub struct SensitivityJson;

impl Render<SensitivityReport<'_>> for SensitivityJson {
    fn render(&self, report: &SensitivityReport, out: &mut dyn Write) -> Result<(), RenderError> {
        #[derive(Serialize)]
        struct FixWire<'a> {
            id: Cow<'a, str>,
            action: &'static str,
            top_share: f64,
            median_rank: usize,
            rank_p5: usize,
            rank_p95: usize,
        }
        #[derive(Serialize)]
        struct Document<'a> {
            schema: &'static str,
            samples: usize,
            spread: f64,
            seed: u64,
            top: usize,
            fixes: Vec<FixWire<'a>>,
        }
        let s = report.sensitivity;
        write_json(
            out,
            &Document {
                schema: SENSITIVITY_SCHEMA,
                samples: s.options.samples,
                spread: s.options.spread,
                seed: s.options.seed,
                top: s.options.top,
                fixes: s
                    .fixes
                    .iter()
                    .map(|f| FixWire {
                        id: f.id.text(report.model),
                        action: f.action.as_str(),
                        top_share: f.top_share,
                        median_rank: f.median_rank,
                        rank_p5: f.rank_p5,
                        rank_p95: f.rank_p95,
                    })
                    .collect(),
            },
        )
    }
}

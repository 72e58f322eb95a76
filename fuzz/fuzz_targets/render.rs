//! Every renderer: a model that loads is analysed and written in every report format (the
//! terminal table with and without colour, JSON, Markdown with a roadmap, HTML, each CSV
//! table, DOT source and Mermaid at system and unit level) and every plan format; none may
//! fail or panic.
#![no_main]

use gapgraph::analysis::{self, RankBy};
use gapgraph::render::{self, CsvTable, DiagramKind, Format, PlanFormat, RenderError, ReviewFormat};
use gapgraph::view::{Level, PlanReport, Report, Review, ReviewOptions, View};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let origin = if source.trim_start().starts_with('{') {
        "model.json"
    } else {
        "model.yaml"
    };
    let Ok(loaded) = gapgraph::load_str(source, origin) else {
        return;
    };
    let model = &loaded.model;
    let mut analysis = analysis::analyze(model, model.default_strategy);
    let report = Report {
        model,
        analysis: &analysis,
        warnings: &loaded.warnings,
    };
    let view = View {
        level: Level::System,
        workflows: Vec::new(),
        units: Vec::new(),
        gaps_only: false,
        top: 3,
    };
    let mut formats = vec![
        Format::Table { colour: false, top: None },
        Format::Table { colour: true, top: Some(1) },
        Format::Json { top: None },
        Format::Diagram { view: view.clone(), kind: DiagramKind::Dot },
        Format::Diagram { view: View { gaps_only: true, ..view.clone() }, kind: DiagramKind::Mermaid },
        Format::Diagram { view: View { level: Level::Unit, ..view.clone() }, kind: DiagramKind::Dot },
        Format::Diagram { view: View { level: Level::Unit, ..view.clone() }, kind: DiagramKind::Mermaid },
        Format::Diagram { view, kind: DiagramKind::Mermaid },
    ];
    for table in [CsvTable::Fixes, CsvTable::Gaps, CsvTable::Workflows, CsvTable::Systems, CsvTable::Units] {
        formats.push(Format::Csv { table, top: None });
    }
    for format in formats {
        let mut out = Vec::new();
        match render::renderer(format.clone()).render(&report, &mut out) {
            Ok(()) => {}
            // A gaps-only focus on a model without gaps draws nothing, and says so.
            Err(RenderError::EmptyFocus(_))
                if matches!(&format, Format::Diagram { view, .. } if view.gaps_only) => {}
            Err(e) => panic!("{format:?} failed: {e}"),
        }
    }
    // The review document, with a roadmap in Markdown and without one in HTML.
    let planned = gapgraph::decide::roadmap(model, model.default_strategy, 30_000.0);
    for (format, roadmap) in [(ReviewFormat::Markdown, Some(planned)), (ReviewFormat::Html, None)] {
        let options = ReviewOptions { top: None, roadmap, provenance: None };
        let review = Review::new(report, &options);
        let mut out = Vec::new();
        render::review_renderer(format)
            .render(&review, &mut out)
            .unwrap_or_else(|e| panic!("{format:?} failed: {e}"));
    }
    analysis.rerank(model, RankBy::Payback);
    let strategy = analysis::strategy_in_force(model, model.default_strategy);
    let plan = gapgraph::decide::roadmap(model, model.default_strategy, 25_000.0);
    let plan_report = PlanReport {
        model,
        roadmap: &plan,
        strategy: strategy.as_ref(),
        currency: &model.currency,
    };
    for format in [PlanFormat::Table, PlanFormat::Json, PlanFormat::Markdown, PlanFormat::Csv] {
        let mut out = Vec::new();
        render::plan_renderer(format)
            .render(&plan_report, &mut out)
            .unwrap_or_else(|e| panic!("{format:?} failed: {e}"));
    }
});

//! Properties of the analysis on random valid models (docs/scoring.md, sections 1-5).

use gapgraph::analysis::strategy_in_force;
use gapgraph::analysis::{analyze, candidates, resolve_all, Alignment, Network, Status};
use gapgraph::decide::{precompute, roadmap};
use gapgraph::model::Strategy as ModelStrategy;
use gapgraph::model::{
    Carries, CatalogFix, Handoff, Integration, Mode, Model, Objective, ObjectiveIx, Period, Runs,
    Sources, System, SystemIx, SystemKind, Unit, UnitIx, Workflow,
};
use gapgraph::render::{
    plan_renderer, renderer, review_renderer, CsvTable, DiagramKind, Format, PlanFormat,
    RenderError, ReviewFormat,
};
use gapgraph::view::{
    Explorer, ExplorerOptions, Level, PlanReport, Report, Review, ReviewOptions, View,
};
use proptest::prelude::*;

const DATA: [&str; 3] = ["order", "invoice", "status"];

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * (1.0 + a.abs().max(b.abs()))
}

fn kind(k: u8) -> SystemKind {
    match k % 8 {
        0 => SystemKind::Spreadsheet,
        1 => SystemKind::Email,
        2 => SystemKind::Saas,
        _ => SystemKind::Application,
    }
}

fn mode(m: u8) -> Mode {
    [Mode::Automated, Mode::Semi, Mode::Manual][m as usize % 3]
}

fn carries(c: u8) -> Carries {
    match c % 5 {
        0 => Carries::from(vec!["*".to_string()]),
        1 => Carries::from(vec![DATA[0].to_string(), DATA[1].to_string()]),
        n => Carries::from(vec![DATA[n as usize - 2].to_string()]),
    }
}

/// A random valid model: small graphs where paths, gaps and fixes interact.
pub(crate) fn arb_model() -> impl Strategy<Value = Model> {
    let systems = 2usize..7;
    systems
        .prop_flat_map(|n| {
            let pair = (0..n, 1..n).prop_map(move |(a, d)| (a, (a + d) % n));
            (
                Just(n),
                prop::collection::vec(any::<u8>(), n),
                prop::collection::vec(
                    (
                        pair.clone(),
                        any::<u8>(),
                        any::<u8>(),
                        prop::option::of(1u8..30),
                        prop::option::of(0u32..20000),
                    ),
                    0..10,
                ),
                prop::collection::vec(
                    (
                        1u32..200,
                        0u8..5,
                        prop::collection::vec(
                            (
                                pair.clone(),
                                0usize..3,
                                prop::option::of(0u8..40),
                                prop::option::weighted(0.3, (1u8..5, 0usize..5)),
                                prop::option::weighted(0.3, 0usize..2),
                            ),
                            1..5,
                        ),
                        0u8..=10,
                        0u8..=10,
                        prop::option::of(0usize..2),
                    ),
                    1..4,
                ),
                prop::collection::vec(
                    (
                        pair,
                        0u32..15000,
                        prop::option::of(any::<u8>()),
                        prop::option::weighted(0.3, 0u32..8000),
                    ),
                    0..3,
                ),
                0usize..3,
                prop::collection::vec((0u8..4, 0u8..4), 2),
            )
        })
        .prop_map(
            |(n, kinds, integrations, workflows, fixes, strategy_count, weights)| {
                let mut model = Model {
                    currency: "USD".into(),
                    ..Model::default()
                };
                model.objectives = ["growth", "cost"]
                    .iter()
                    .map(|o| Objective {
                        id: o.to_string(),
                        name: o.to_string(),
                        description: None,
                    })
                    .collect();
                let [growth_ix, cost_ix]: [ObjectiveIx; 2] = model
                    .objective_ixs()
                    .collect::<Vec<_>>()
                    .try_into()
                    .unwrap();
                for (s, (a, b)) in weights.iter().enumerate().take(strategy_count) {
                    let (a, b) = if *a == 0 && *b == 0 { (1, 0) } else { (*a, *b) };
                    model.strategies.push(ModelStrategy {
                        id: format!("s{s}"),
                        name: format!("s{s}"),
                        description: None,
                        weights: vec![(growth_ix, a as f64), (cost_ix, b as f64)],
                    });
                }
                model.default_strategy = model.strategy_ixs().next();
                model.units = (0..2)
                    .map(|u| Unit {
                        id: format!("u{u}"),
                        name: format!("u{u}"),
                        owner: None,
                        hourly_cost: (u == 1).then_some(80.0),
                    })
                    .collect();
                let unit_ix: Vec<UnitIx> = model.unit_ixs().collect();
                model.systems = (0..n)
                    .map(|s| System {
                        id: format!("sys{s}"),
                        name: format!("sys{s}"),
                        kind: kind(kinds[s]),
                        unit: None,
                        owner: None,
                        satisfaction: None,
                        annual_cost: None,
                        lifecycle: None,
                        criticality: None,
                    })
                    .collect();
                let system_ix: Vec<SystemIx> = model.system_ixs().collect();
                model.integrations = integrations
                    .into_iter()
                    .enumerate()
                    .map(|(k, ((from, to), m, c, minutes, fix_cost))| Integration {
                        id: format!("i{k}"),
                        from: system_ix[from],
                        to: system_ix[to],
                        carries: carries(c),
                        mode: mode(m),
                        minutes: minutes.map(f64::from),
                        fix_cost: fix_cost.map(f64::from),
                        run_cost: fix_cost.filter(|c| c % 3 == 0).map(|c| f64::from(c) / 2.0),
                        actual_cost: None,
                        sources: Sources::default(),
                        via: None,
                        name: None,
                        note: None,
                    })
                    .collect();
                model.workflows = workflows
                    .into_iter()
                    .enumerate()
                    .map(|(w, (count, per, handoffs, growth, cost, unit))| Workflow {
                        id: format!("w{w}"),
                        name: format!("w{w}"),
                        unit: unit.map(|u| unit_ix[u]),
                        owner: None,
                        runs_count: count as f64,
                        runs_per: Period::ALL[per as usize],
                        serves: vec![
                            (growth_ix, growth as f64 / 10.0),
                            (cost_ix, cost as f64 / 10.0),
                        ],
                        sources: Sources::default(),
                        handoffs: handoffs
                            .into_iter()
                            .map(|((from, to), d, minutes, runs, by)| Handoff {
                                from: system_ix[from],
                                to: system_ix[to],
                                data: DATA[d].into(),
                                minutes: minutes.map(f64::from),
                                runs: runs.map(|(count, per)| Runs {
                                    count: count as f64,
                                    per: Period::ALL[per],
                                }),
                                by: by.map(|u| unit_ix[u]),
                                sources: Sources::default(),
                                note: None,
                            })
                            .collect(),
                    })
                    .collect();
                model.fixes = fixes
                    .into_iter()
                    .enumerate()
                    .map(|(f, ((from, to), cost, c, run_cost))| CatalogFix {
                        id: format!("f{f}"),
                        from: system_ix[from],
                        to: system_ix[to],
                        cost: cost as f64,
                        carries: c.map(carries),
                        run_cost: run_cost.map(f64::from),
                        sources: Sources::default(),
                        name: None,
                        note: None,
                    })
                    .collect();
                model
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Adding or automating an edge never lengthens a shortest path, so the only handoff a
    /// fix can make dearer is a missing one priced at `defaults.missing_minutes` that gains a
    /// path of more minutes (a default never replaces the minutes a path adds up to).
    #[test]
    fn only_default_priced_missing_handoffs_get_dearer(model in arb_model()) {
        let alignment = Alignment::new(&model, model.default_strategy);
        let network = Network::of_model(&model);
        let before = resolve_all(&model, &network, &alignment);
        let mut changes: Vec<Network> = Vec::new();
        for i in model.integration_ixs() {
            let mut n = network.clone();
            n.automate(&model, i);
            changes.push(n);
        }
        for candidate in candidates(&model, &before) {
            let mut n = network.clone();
            candidate.apply(&model, &mut n);
            changes.push(n);
        }
        for changed in &changes {
            let after = resolve_all(&model, changed, &alignment);
            for (b, a) in before.iter().zip(&after) {
                if let (Some(p), Some(q)) = (a.path_minutes, b.path_minutes) {
                    prop_assert!(p <= q, "{}#{} path rose from {} to {}", b.workflow.index(), b.step, q, p);
                }
                if a.minutes > b.minutes {
                    prop_assert!(b.status == Status::Missing && b.stated_minutes.is_none(),
                        "{}#{} rose from {} to {}", b.workflow.index(), b.step, b.minutes, a.minutes);
                    prop_assert_eq!(a.minutes, a.path_minutes.unwrap());
                }
            }
        }
    }

    /// A fix's saving is the total cost before minus after; its objective parts add up to
    /// its strategic value; priority and payback follow from them.
    #[test]
    fn fix_values_add_up(model in arb_model()) {
        let analysis = analyze(&model, model.default_strategy);
        let alignment = Alignment::new(&model, model.default_strategy);
        let network = Network::of_model(&model);
        let before = resolve_all(&model, &network, &alignment);
        let pool = candidates(&model, &before);
        let total_before: f64 = before.iter().map(|h| h.annual_cost).sum();
        for fix in &analysis.fixes {
            let candidate = pool.iter().find(|c| c.id == fix.id && c.action == fix.action).unwrap();
            let mut n = network.clone();
            candidate.apply(&model, &mut n);
            let total_after: f64 = resolve_all(&model, &n, &alignment).iter().map(|h| h.annual_cost).sum();
            prop_assert!(close(fix.annual_saving, total_before - total_after), "{:?}: {} vs {}", fix.id, fix.annual_saving, total_before - total_after);
            prop_assert!(fix.annual_hours_saved > 0.0);
            if analysis.strategy.is_some() {
                let parts: f64 = fix.objectives.iter().map(|(_, v)| v).sum();
                prop_assert!(close(parts, fix.strategic_value), "{:?}: parts {} vs {}", fix.id, parts, fix.strategic_value);
            } else {
                prop_assert!(fix.objectives.is_empty());
                prop_assert!(close(fix.strategic_value, fix.annual_saving));
            }
            match fix.priority {
                Some(p) => prop_assert!(close(p, fix.strategic_value / fix.cost)),
                None => prop_assert_eq!(fix.cost, 0.0),
            }
        }
        // Ranks are 1..n in order.
        for (i, fix) in analysis.fixes.iter().enumerate() {
            prop_assert_eq!(fix.rank, i + 1);
        }
    }

    /// The summary rates weigh each handoff by its own runs a year; the assumptions split the
    /// gap hours; annual FTE is the hours over `defaults.fte_hours`.
    #[test]
    fn summary_weighs_each_handoff_by_its_own_runs(model in arb_model()) {
        let analysis = analyze(&model, model.default_strategy);
        let mut runs = 0.0;
        let mut automated = 0.0;
        for (w, workflow) in model.workflow_ixs().zip(&model.workflows) {
            for (i, handoff) in workflow.handoffs.iter().enumerate() {
                let h = analysis.handoffs.iter().find(|h| h.workflow == w && h.step == i + 1).unwrap();
                let per_year = handoff.runs.map_or(workflow.runs_count * workflow.runs_per.per_year(), |r| r.count * r.per.per_year());
                prop_assert_eq!(h.runs_per_year, per_year);
                prop_assert!(close(h.annual_hours, per_year * h.minutes / 60.0));
                runs += per_year;
                if h.status == Status::Automated {
                    automated += per_year;
                }
            }
        }
        match analysis.summary.automation_rate {
            Some(rate) => prop_assert!(close(rate, automated / runs)),
            None => prop_assert!(analysis.handoffs.is_empty()),
        }
        let a = &analysis.assumptions;
        prop_assert_eq!(a.gap_hours, analysis.summary.annual_hours);
        prop_assert!(a.gap_hours_on_defaults <= a.gap_hours * (1.0 + 1e-12));
        prop_assert!(a.fixes_on_default_cost <= a.fixes);
        prop_assert_eq!(a.fixes, analysis.fixes.len());
        prop_assert!(close(analysis.summary.annual_fte * model.defaults.fte_hours, analysis.summary.annual_hours));
        for h in &analysis.handoffs {
            prop_assert!(h.path_other_data.is_none() || h.status == Status::Missing);
        }
    }

    /// Same input, byte-identical output.
    #[test]
    fn output_is_identical_across_runs(model in arb_model()) {
        let render = |format: &Format| {
            let analysis = analyze(&model, model.default_strategy);
            let report = Report { model: &model, analysis: &analysis, warnings: &[] };
            let mut out = Vec::new();
            renderer(format.clone()).render(&report, &mut out).unwrap();
            out
        };
        for format in [Format::Json { top: None }, Format::Table { colour: false, top: None }] {
            prop_assert_eq!(render(&format), render(&format));
        }
    }
}

/// Whether a word of `text` is `inf` or `NaN`.
fn has_not_finite(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|word| matches!(word, "inf" | "NaN"))
}

/// Every format the tool writes for a report, SVG and PNG only when Graphviz is installed.
fn every_format() -> Vec<Format> {
    let view = View {
        level: Level::System,
        workflows: Vec::new(),
        units: Vec::new(),
        gaps_only: false,
        top: 5,
    };
    let mut formats = vec![
        Format::Table {
            colour: false,
            top: None,
        },
        Format::Table {
            colour: true,
            top: Some(2),
        },
        Format::Json { top: None },
    ];
    for table in [
        CsvTable::Fixes,
        CsvTable::Gaps,
        CsvTable::Workflows,
        CsvTable::Systems,
    ] {
        formats.push(Format::Csv { table, top: None });
    }
    let graphviz = std::process::Command::new("dot").arg("-V").output().is_ok();
    for kind in [
        DiagramKind::Dot,
        DiagramKind::Mermaid,
        DiagramKind::Svg,
        DiagramKind::Png,
    ] {
        if graphviz || matches!(kind, DiagramKind::Dot | DiagramKind::Mermaid) {
            formats.push(Format::Diagram {
                view: view.clone(),
                kind,
            });
            formats.push(Format::Diagram {
                view: View {
                    gaps_only: true,
                    ..view.clone()
                },
                kind,
            });
        }
    }
    formats
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    /// Every valid model analyses and renders in every format (report and plan) without
    /// an error, and no number it prints is infinite or not a number.
    #[test]
    fn every_valid_model_renders_in_every_format(model in arb_model()) {
        let analysis = analyze(&model, model.default_strategy);
        let report = Report { model: &model, analysis: &analysis, warnings: &[] };
        for format in every_format() {
            let mut out = Vec::new();
            let rendered = renderer(format.clone()).render(&report, &mut out);
            // A focus on gaps in a model without gaps draws nothing, and says so.
            if matches!(rendered, Err(RenderError::EmptyFocus(_))) {
                let gaps_only = matches!(&format, Format::Diagram { view, .. } if view.gaps_only);
                prop_assert!(gaps_only, "{:?} drew nothing", format);
                continue;
            }
            prop_assert!(rendered.is_ok(), "{:?}: {:?}", format, rendered.err());
            prop_assert!(!out.is_empty(), "{:?} wrote nothing", format);
            // PNG is binary.
            if !matches!(format, Format::Diagram { kind: DiagramKind::Png, .. }) {
                let text = String::from_utf8(out).unwrap();
                prop_assert!(!has_not_finite(&text), "{:?}: {}", format, text);
            }
        }
        let strategy = strategy_in_force(&model, model.default_strategy);
        let planned = roadmap(&model, model.default_strategy, 30_000.0);
        // The review document, with a roadmap in Markdown and without one in HTML (the
        // HTML page's script says `NaN` itself).
        for (format, roadmap) in [(ReviewFormat::Markdown, Some(planned.clone())), (ReviewFormat::Html, None)] {
            let options = ReviewOptions { top: None, roadmap, provenance: None };
            let review = Review::new(report, &options);
            let mut out = Vec::new();
            let rendered = review_renderer(format).render(&review, &mut out);
            prop_assert!(rendered.is_ok(), "{:?}: {:?}", format, rendered.err());
            let text = String::from_utf8(out).unwrap();
            prop_assert!(format == ReviewFormat::Html || !has_not_finite(&text), "{:?}: {}", format, text);
        }
        let plan_report = PlanReport { model: &model, roadmap: &planned, strategy: strategy.as_ref(), currency: &model.currency };
        for format in [PlanFormat::Table, PlanFormat::Json, PlanFormat::Markdown, PlanFormat::Csv] {
            let mut out = Vec::new();
            prop_assert!(plan_renderer(format).render(&plan_report, &mut out).is_ok());
            prop_assert!(!out.is_empty());
        }
        // The explorer page: every strategy and budget precomputed, laid out by gapgraph.
        let page = Explorer::new(&model, b"", &precompute(&model, 1), &ExplorerOptions::default());
        let mut out = Vec::new();
        let renderer = gapgraph::render::explorer_renderer(gapgraph::render::explorer::LayoutEngine::Builtin);
        prop_assert!(renderer.render(&page, &mut out).is_ok());
        let text = String::from_utf8(out).unwrap();
        prop_assert!(text.ends_with("</html>\n"));
    }
}

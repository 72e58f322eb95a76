//! The parsed command line as the library's own command and format types: the one place
//! where clap's types meet gapgraph's.

use crate::app::{self, Environment};
use clap::CommandFactory;
use gapgraph::analysis;
use gapgraph::render::{self, Limit};
use gapgraph::select::Names;

#[allow(clippy::wildcard_imports)]
use super::*;

impl Cli {
    /// What clap's declarations cannot say: `--compact` belongs to `--format json`.
    pub fn checked(self) -> Result<Cli, clap::Error> {
        if let Command::Analyze(a) = &self.command {
            if a.compact && a.format != ReportFormat::Json {
                return Err(Cli::command().error(
                    clap::error::ErrorKind::ArgumentConflict,
                    "--compact applies to --format json only",
                ));
            }
        }
        Ok(self)
    }

    /// The library command these arguments ask for; `env` decides colour.
    pub fn into_command(self, env: &Environment) -> app::Command {
        match self.command {
            Command::Analyze(a) if a.interactive => app::Command::Explore(app::Explore {
                model: a.model,
                strategy: a.strategy,
                units: Vec::new(),
                layout: render::explorer::LayoutEngine::Auto,
                output: a.output,
            }),
            Command::Analyze(a) => app::Command::Analyze(analyze_command(a, env)),
            Command::Explore(e) => app::Command::Explore(app::Explore {
                model: e.model,
                strategy: e.strategy,
                units: e.unit,
                layout: match e.layout {
                    LayoutArg::Auto => render::explorer::LayoutEngine::Auto,
                    LayoutArg::Graphviz => render::explorer::LayoutEngine::Graphviz,
                    LayoutArg::Builtin => render::explorer::LayoutEngine::Builtin,
                },
                output: e.output,
            }),
            Command::Diagram(d) => app::Command::Diagram(diagram_command(d)),
            Command::Validate(v) => app::Command::Validate(app::Validate {
                model: v.model,
                all_warnings: v.warnings == WarningsArg::All,
            }),
            Command::Plan(p) => app::Command::Plan(plan_command(p)),
            Command::Check(c) => app::Command::Check(check_command(c)),
            Command::Compare(c) => app::Command::Compare(compare_command(c)),
            Command::Diff(d) => app::Command::Diff(app::Diff {
                old: d.old,
                new: d.new,
                strategy: d.strategy,
                format: d.format.into(),
                output: d.output,
            }),
            Command::Impact(i) => app::Command::Impact(impact_command(i)),
            Command::Review(r) => app::Command::Review(r.into()),
            Command::Explain(e) => app::Command::Explain(explain_command(e)),
            Command::Sensitivity(s) => app::Command::Sensitivity(sensitivity_command(s)),
            Command::Import(i) => import_command(i),
            Command::Init(i) => app::Command::Init(app::Init {
                output: i.output,
                force: i.force,
            }),
            Command::Export(e) => export_command(e),
            Command::Schema(s) => app::Command::Schema(app::Schema { output: s.output }),
            Command::Discover(d) => app::Command::Discover(discover_command(d)),
            Command::Completions(c) => {
                let mut text = Vec::new();
                clap_complete::generate(c.shell, &mut Cli::command(), "gapgraph", &mut text);
                app::Command::Emit(app::Emit {
                    text,
                    output: c.output,
                })
            }
            Command::Man(m) => app::Command::Emit(app::Emit {
                text: man_page(),
                output: m.output,
            }),
        }
    }
}

/// `impact`: the change named, or every system.
fn impact_command(i: ImpactArgs) -> app::Impact {
    use gapgraph::decide::ChangeNames;
    let change = match (
        i.remove_system,
        i.remove_integration,
        i.replace_system,
        i.with,
    ) {
        (Some(x), _, _, _) => ChangeNames::RemoveSystem(x),
        (_, Some(id), _, _) => ChangeNames::RemoveIntegration(id),
        (_, _, Some(from), Some(with)) => ChangeNames::ReplaceSystem { from, with },
        _ => ChangeNames::None,
    };
    app::Impact {
        model: i.model,
        change,
        each_system: i.each_system,
        budget: i.budget,
        strategy: i.strategy,
        format: i.format.into(),
        output: i.output,
    }
}

/// `analyze`: a report format, or the review document (Markdown, HTML) with its budget.
fn analyze_command(a: AnalyzeArgs, env: &Environment) -> app::Analyze {
    let top = a.top;
    let report = app::AnalyzeFormat::Report;
    let review = |format| app::AnalyzeFormat::Review {
        format,
        top,
        budget: a.budget,
    };
    let format = match a.format {
        ReportFormat::Table => report(render::Format::Table {
            colour: env.colour(a.output.as_deref()),
            top,
        }),
        ReportFormat::Json if a.compact => report(render::Format::CompactJson {
            top: top.unwrap_or(render::COMPACT_TOP),
        }),
        ReportFormat::Json => report(render::Format::Json { top }),
        ReportFormat::Markdown => review(render::ReviewFormat::Markdown),
        ReportFormat::Html => review(render::ReviewFormat::Html),
        ReportFormat::Csv => report(render::Format::Csv {
            table: a.csv_table.into(),
            top,
        }),
    };
    app::Analyze {
        model: a.model,
        strategy: a.strategy,
        rank_by: a.rank_by.into(),
        format,
        output: a.output,
    }
}

fn diagram_command(d: DiagramArgs) -> app::Diagram {
    app::Diagram {
        model: d.model,
        names: Names {
            strategy: d.strategy,
            workflows: d.workflow,
            units: d.unit,
        },
        level: match d.level {
            DiagramLevel::System => gapgraph::view::Level::System,
            DiagramLevel::Unit => gapgraph::view::Level::Unit,
        },
        gaps_only: d.gaps_only,
        top: d.top,
        kind: d.format.into(),
        output: d.output,
    }
}

fn plan_command(p: PlanArgs) -> app::Plan {
    app::Plan {
        model: p.model,
        strategy: p.strategy,
        budget: p.budget,
        format: match p.format {
            PlanFormat::Table => render::PlanFormat::Table,
            PlanFormat::Json => render::PlanFormat::Json,
            PlanFormat::Markdown => render::PlanFormat::Markdown,
            PlanFormat::Csv => render::PlanFormat::Csv,
        },
        output: p.output,
    }
}

fn check_command(c: CheckArgs) -> app::Check {
    // Reported in this order whatever the order on the command line.
    let limits = [
        c.min_automation.map(Limit::MinAutomation),
        c.min_strategic_automation
            .map(Limit::MinStrategicAutomation),
        c.max_missing.map(Limit::MaxMissing),
        c.max_annual_hours.map(Limit::MaxAnnualHours),
        c.max_default_share.map(Limit::MaxDefaultShare),
    ];
    app::Check {
        model: c.model,
        strategy: c.strategy,
        limits: limits.into_iter().flatten().collect(),
    }
}

fn compare_command(c: CompareArgs) -> app::Compare {
    app::Compare {
        model: c.model,
        strategies: c.strategies,
        format: match c.format {
            CompareFormat::Table => render::CompareFormat::Table,
            CompareFormat::Json => render::CompareFormat::Json,
            CompareFormat::Markdown => render::CompareFormat::Markdown,
            CompareFormat::Csv => render::CompareFormat::Csv,
        },
        output: c.output,
    }
}

fn explain_command(e: ExplainArgs) -> app::Explain {
    app::Explain {
        model: e.model,
        fix: e.fix,
        action: e.action.map(|a| match a {
            FixAction::Automate => analysis::Action::Automate,
            FixAction::Catalog => analysis::Action::Catalog,
            FixAction::Connect => analysis::Action::Connect,
        }),
        strategy: e.strategy,
        format: match e.format {
            ExplainFormat::Table => render::ExplainFormat::Table,
            ExplainFormat::Json => render::ExplainFormat::Json,
        },
        output: e.output,
    }
}

fn sensitivity_command(s: SensitivityArgs) -> app::Sensitivity {
    app::Sensitivity {
        model: s.model,
        strategy: s.strategy,
        spread: s.spread,
        samples: s.samples.map(|n| n as usize),
        seed: s.seed,
        top: s.top as usize,
        format: s.format.into(),
        output: s.output,
    }
}

fn import_command(command: ImportCommand) -> app::Command {
    match command {
        ImportCommand::Archimate(a) => app::Command::ImportArchimate(app::ImportArchimate {
            file: a.file,
            lang: a.lang,
            output: a.output,
        }),
        ImportCommand::Sheets(s) => app::Command::ImportSheets(app::ImportSheets {
            systems: s.systems,
            integrations: s.integrations,
            dir: s.dir,
            columns: s.columns,
            preset: s.preset.map(|p| p.as_str().to_string()),
            assume_mode: s.assume_mode.map(|m| match m {
                AssumeModeArg::Manual => gapgraph::sheets::AssumeMode::Manual,
                AssumeModeArg::Automated => gapgraph::sheets::AssumeMode::Automated,
            }),
            workflows: s.workflows,
            units: s.units,
            output: s.output,
        }),
        ImportCommand::Calm(c) => app::Command::ImportCalm(c.into()),
    }
}

fn export_command(command: ExportCommand) -> app::Command {
    match command {
        ExportCommand::Sheets(e) => app::Command::ExportSheets(app::ExportSheets {
            model: e.model,
            dir: e.dir,
        }),
        ExportCommand::Graphml(e) => app::Command::ExportGraphml(app::ExportGraphml {
            model: e.model,
            strategy: e.strategy,
            output: e.output,
        }),
        ExportCommand::Calm(c) => app::Command::ExportCalm(c.into()),
        ExportCommand::Graph(g) => app::Command::ExportGraph(g.into()),
    }
}

fn discover_command(d: DiscoverArgs) -> app::Discover {
    let defaults = gapgraph::discover::Columns::default();
    app::Discover {
        from_pairs: d.pairs.is_some(),
        // clap requires one of the two.
        log: d.pairs.or(d.log).unwrap_or_default(),
        mapping: d.mapping,
        format: match d.format {
            DiscoverFormat::Table => app::DiscoverFormat::Table,
            DiscoverFormat::Json => app::DiscoverFormat::Json,
            DiscoverFormat::Markdown => app::DiscoverFormat::Markdown,
        },
        output: d.output,
        model_out: d.model_out,
        merge: d.merge,
        automated_share: d.automated_share,
        coverage: d.coverage,
        columns: gapgraph::discover::Columns {
            case: d.case,
            activity: d.activity,
            timestamp: d.timestamp,
            resource_required: d.resource.is_some(),
            lifecycle_required: d.lifecycle.is_some(),
            resource: d.resource.unwrap_or(defaults.resource),
            lifecycle: d.lifecycle.unwrap_or(defaults.lifecycle),
        },
    }
}

/// The man page (roff) of the whole command line.
fn man_page() -> Vec<u8> {
    let mut text = Vec::new();
    // Rendering into memory cannot fail; an empty page would show it if it did.
    let _ = clap_mangen::Man::new(Cli::command()).render(&mut text);
    text
}

impl From<RankBy> for analysis::RankBy {
    fn from(r: RankBy) -> Self {
        match r {
            RankBy::Priority => analysis::RankBy::Priority,
            RankBy::Value => analysis::RankBy::Value,
            RankBy::Saving => analysis::RankBy::Saving,
            RankBy::Payback => analysis::RankBy::Payback,
        }
    }
}

impl From<CsvTable> for render::CsvTable {
    fn from(t: CsvTable) -> Self {
        match t {
            CsvTable::Fixes => render::CsvTable::Fixes,
            CsvTable::Gaps => render::CsvTable::Gaps,
            CsvTable::Workflows => render::CsvTable::Workflows,
            CsvTable::Systems => render::CsvTable::Systems,
            CsvTable::Units => render::CsvTable::Units,
        }
    }
}

impl From<DiagramFormat> for render::DiagramKind {
    fn from(f: DiagramFormat) -> Self {
        match f {
            DiagramFormat::Dot => render::DiagramKind::Dot,
            DiagramFormat::Svg => render::DiagramKind::Svg,
            DiagramFormat::Png => render::DiagramKind::Png,
            DiagramFormat::Mermaid => render::DiagramKind::Mermaid,
        }
    }
}

impl From<DocumentFormat> for render::DocumentFormat {
    fn from(f: DocumentFormat) -> Self {
        match f {
            DocumentFormat::Table => render::DocumentFormat::Table,
            DocumentFormat::Json => render::DocumentFormat::Json,
            DocumentFormat::Markdown => render::DocumentFormat::Markdown,
        }
    }
}

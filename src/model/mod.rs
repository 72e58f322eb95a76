//! The validated model: every reference resolved to an index, every number in range.
//! Analysis code never re-checks input.

mod ix;
mod json;
mod node;
mod number;
pub mod schema;
mod seen;
pub(crate) mod tree;
mod validate;
mod yaml;

pub(crate) use ix::index_types;
pub use ix::{CatalogFixIx, IntegrationIx, ObjectiveIx, StrategyIx, SystemIx, UnitIx, WorkflowIx};
pub use number::parse_number;
pub use tree::Syntax;
pub use validate::{load, Loaded};

use std::sync::Arc;

/// Field defaults (docs/model.md).
#[derive(Clone, Debug, PartialEq)]
pub struct Defaults {
    /// Loaded cost of one hour of staff time.
    pub hourly_cost: f64,
    /// Minutes of a `manual` hop without `minutes`.
    pub manual_minutes: f64,
    /// Minutes of a `semi` hop without `minutes`.
    pub semi_minutes: f64,
    /// Minutes of a handoff that has no path, without `minutes`.
    pub missing_minutes: f64,
    /// Cost of a fix when nothing more specific is given.
    pub integration_cost: f64,
    /// Working hours of one full-time person a year (reports only).
    pub fte_hours: f64,
    /// Yearly running cost of a fix once built, when nothing more specific is given.
    pub run_cost: f64,
    /// Years a fix's net saving counts in its NPV (a whole number from 1 to 30).
    pub horizon_years: f64,
    /// Yearly discount rate of the NPV, in [0, 1).
    pub discount_rate: f64,
}

impl Default for Defaults {
    fn default() -> Self {
        Defaults {
            hourly_cost: 50.0,
            manual_minutes: 10.0,
            semi_minutes: 3.0,
            missing_minutes: 15.0,
            integration_cost: 10000.0,
            fte_hours: 1720.0,
            run_cost: 0.0,
            horizon_years: 3.0,
            discount_rate: 0.08,
        }
    }
}

/// What the business is trying to achieve.
#[derive(Clone, Debug, PartialEq)]
pub struct Objective {
    /// Identifier.
    pub id: String,
    /// Display name (the id when not given).
    pub name: String,
    /// Longer text.
    pub description: Option<String>,
}

/// A weighting of the objectives.
#[derive(Clone, Debug, PartialEq)]
pub struct Strategy {
    /// Identifier.
    pub id: String,
    /// Display name (the id when not given).
    pub name: String,
    /// Longer text.
    pub description: Option<String>,
    /// (objective index, weight >= 0), in the order written; at least one weight > 0.
    pub weights: Vec<(ObjectiveIx, f64)>,
}

impl Strategy {
    /// Σ of the weights.
    pub fn total_weight(&self) -> f64 {
        self.weights.iter().fold(0.0, |sum, (_, w)| sum + w)
    }
}

/// A business unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Unit {
    /// Identifier.
    pub id: String,
    /// Display name (the id when not given).
    pub name: String,
    /// Who answers for it.
    pub owner: Option<String>,
    /// Staff cost for this unit's workflows, when it differs from the default.
    pub hourly_cost: Option<f64>,
}

/// What sort of system: the last four kinds mean a person does the work.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SystemKind {
    /// A business application.
    Application,
    /// A hosted service.
    Saas,
    /// A database.
    Database,
    /// An integration or data platform.
    Platform,
    /// A spreadsheet (manual kind).
    Spreadsheet,
    /// E-mail (manual kind).
    Email,
    /// Paper forms (manual kind).
    Paper,
    /// A person (manual kind).
    Person,
}

impl SystemKind {
    /// Every kind, in the order of the spec.
    pub const ALL: [SystemKind; 8] = [
        SystemKind::Application,
        SystemKind::Saas,
        SystemKind::Database,
        SystemKind::Platform,
        SystemKind::Spreadsheet,
        SystemKind::Email,
        SystemKind::Paper,
        SystemKind::Person,
    ];

    /// The name used in model files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            SystemKind::Application => "application",
            SystemKind::Saas => "saas",
            SystemKind::Database => "database",
            SystemKind::Platform => "platform",
            SystemKind::Spreadsheet => "spreadsheet",
            SystemKind::Email => "email",
            SystemKind::Paper => "paper",
            SystemKind::Person => "person",
        }
    }

    /// Spreadsheets, e-mail, paper and people: a human is always in the loop.
    pub fn is_manual(self) -> bool {
        matches!(
            self,
            SystemKind::Spreadsheet | SystemKind::Email | SystemKind::Paper | SystemKind::Person
        )
    }
}

/// A software system (or a manual stand-in for one).
#[derive(Clone, Debug, PartialEq)]
pub struct System {
    /// Identifier.
    pub id: String,
    /// Display name (the id when not given).
    pub name: String,
    /// What sort of system.
    pub kind: SystemKind,
    /// Owning unit.
    pub unit: Option<UnitIx>,
    /// Who answers for it.
    pub owner: Option<String>,
    /// Users' rating in [1, 5]; reported, not scored.
    pub satisfaction: Option<f64>,
    /// Yearly cost; reported, not scored.
    pub annual_cost: Option<f64>,
    /// Where it is in its life (`schema::LIFECYCLES`); `end-of-support` is warned about.
    pub lifecycle: Option<&'static str>,
    /// How critical it is (`schema::CRITICALITIES`); reported, not scored.
    pub criticality: Option<&'static str>,
}

/// How an integration moves data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    /// No person involved.
    Automated,
    /// A person triggers an export/import.
    Semi,
    /// A person re-keys.
    Manual,
}

impl Mode {
    /// The name used in model files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Automated => "automated",
            Mode::Semi => "semi",
            Mode::Manual => "manual",
        }
    }
}

/// Where a figure comes from, as a report shows it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    /// The model states it, and says nothing more of it.
    #[default]
    Stated,
    /// The model does not give it: a `defaults` value stands in.
    Default,
    /// An importer wrote it from what the source file implied.
    Imported,
    /// Measured, from an event log (`gapgraph discover`).
    Measured,
}

impl Source {
    /// Every source, in the order reports list them.
    pub const ALL: [Source; 4] = [
        Source::Stated,
        Source::Measured,
        Source::Imported,
        Source::Default,
    ];

    /// The name used in model files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Stated => "stated",
            Source::Default => "default",
            Source::Imported => "imported",
            Source::Measured => "measured",
        }
    }

    /// How little a figure built from several rests on: a default is the weakest, then an
    /// import's assumption, then an architect's statement, then a measurement.
    fn weakness(self) -> u8 {
        match self {
            Source::Default => 3,
            Source::Imported => 2,
            Source::Stated => 1,
            Source::Measured => 0,
        }
    }

    /// The weaker of two sources: a product or sum is only as good as its weakest figure.
    pub fn weakest(self, other: Source) -> Source {
        if other.weakness() > self.weakness() {
            other
        } else {
            self
        }
    }
}

/// Where the figures an entry states come from (its `source` map); a figure it does not
/// name is `stated`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sources {
    /// Of `minutes` (integration, handoff).
    pub minutes: Source,
    /// Of `runs` (workflow, handoff).
    pub runs: Source,
    /// Of `fix_cost` (integration) or `cost` (fix).
    pub cost: Source,
    /// Of `run_cost` (integration, fix).
    pub run_cost: Source,
    /// What the figures rest on.
    pub evidence: Option<String>,
}

/// The data objects an edge moves. Shared: a fix copies the list of the integration or gap
/// it comes from, and at landscape scale there are hundreds of thousands of fixes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Carries(pub Arc<[String]>);

impl std::ops::Deref for Carries {
    type Target = [String];

    fn deref(&self) -> &[String] {
        &self.0
    }
}

impl From<Vec<String>> for Carries {
    fn from(names: Vec<String>) -> Self {
        Carries(names.into())
    }
}

/// A data object's name as a handoff holds it: one allocation per distinct name, shared by
/// every handoff that moves it (a million handoffs name about a thousand data objects).
pub type DataName = Arc<str>;

impl Carries {
    /// Whether it moves `data` (`"*"` moves anything).
    pub fn carries(&self, data: &str) -> bool {
        self.0.iter().any(|d| d == "*" || d == data)
    }

    /// Whether it moves anything at all.
    pub fn is_wildcard(&self) -> bool {
        self.0.iter().any(|d| d == "*")
    }
}

/// An existing data flow between two systems.
#[derive(Clone, Debug, PartialEq)]
pub struct Integration {
    /// Identifier (`FROM->TO` unless given).
    pub id: String,
    /// Source system.
    pub from: SystemIx,
    /// Target system.
    pub to: SystemIx,
    /// What it moves.
    pub carries: Carries,
    /// Declared mode.
    pub mode: Mode,
    /// Human minutes per use, when given.
    pub minutes: Option<f64>,
    /// Cost to automate it, when given.
    pub fix_cost: Option<f64>,
    /// Yearly running cost once automated, when given.
    pub run_cost: Option<f64>,
    /// What building it actually cost, once built (`gapgraph review` compares it with the
    /// plan's cost); reported, not scored.
    pub actual_cost: Option<f64>,
    /// Where its figures come from.
    pub sources: Sources,
    /// Transport, reported only.
    pub via: Option<String>,
    /// Display name.
    pub name: Option<String>,
    /// Free text.
    pub note: Option<String>,
}

/// How often a workflow runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// 250 working days a year.
    Day,
    /// 52 a year.
    Week,
    /// 12 a year.
    Month,
    /// 4 a year.
    Quarter,
    /// Once a year.
    Year,
}

impl Period {
    /// Every period, in the order of the spec.
    pub const ALL: [Period; 5] = [
        Period::Day,
        Period::Week,
        Period::Month,
        Period::Quarter,
        Period::Year,
    ];

    /// Runs a year for one run per period.
    pub fn per_year(self) -> f64 {
        match self {
            Period::Day => 250.0,
            Period::Week => 52.0,
            Period::Month => 12.0,
            Period::Quarter => 4.0,
            Period::Year => 1.0,
        }
    }

    /// The name used in model files.
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }
}

/// How often something happens: `count` times `per` period.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Runs {
    /// Runs per period, > 0.
    pub count: f64,
    /// The period.
    pub per: Period,
}

impl Runs {
    /// `count` × the factor of `per`.
    pub fn per_year(self) -> f64 {
        self.count * self.per.per_year()
    }
}

/// One data object that must move from one system to another in a workflow.
#[derive(Clone, Debug, PartialEq)]
pub struct Handoff {
    /// Source system.
    pub from: SystemIx,
    /// Target system.
    pub to: SystemIx,
    /// The data object.
    pub data: DataName,
    /// Human minutes per run to do it around the systems, when given.
    pub minutes: Option<f64>,
    /// How often it happens when that is not once per run of its workflow.
    pub runs: Option<Runs>,
    /// The unit whose staff do its manual work, when not the workflow's.
    pub by: Option<UnitIx>,
    /// Where its figures come from.
    pub sources: Sources,
    /// Free text.
    pub note: Option<String>,
}

/// A business process: a chain of handoffs that runs so often a year.
#[derive(Clone, Debug, PartialEq)]
pub struct Workflow {
    /// Identifier.
    pub id: String,
    /// Display name (the id when not given).
    pub name: String,
    /// Owning unit.
    pub unit: Option<UnitIx>,
    /// Who answers for it.
    pub owner: Option<String>,
    /// Runs per period.
    pub runs_count: f64,
    /// The period.
    pub runs_per: Period,
    /// (objective index, share in [0, 1]), in the order written.
    pub serves: Vec<(ObjectiveIx, f64)>,
    /// The steps, in order.
    pub handoffs: Vec<Handoff>,
    /// Where its figures come from.
    pub sources: Sources,
}

impl Workflow {
    /// `W.serves[o]`, 0 when absent.
    pub fn serves(&self, objective: ObjectiveIx) -> f64 {
        self.serves
            .iter()
            .find(|(o, _)| *o == objective)
            .map_or(0.0, |(_, v)| *v)
    }
}

/// A fix option the architects already know (the `fixes` section).
#[derive(Clone, Debug, PartialEq)]
pub struct CatalogFix {
    /// Identifier (`FROM->TO` unless given).
    pub id: String,
    /// Source system.
    pub from: SystemIx,
    /// Target system.
    pub to: SystemIx,
    /// Cost to build.
    pub cost: f64,
    /// What it will move; `None` means the data of today's gaps from FROM to TO.
    pub carries: Option<Carries>,
    /// Yearly running cost once built, when given.
    pub run_cost: Option<f64>,
    /// Where its figures come from.
    pub sources: Sources,
    /// Display name.
    pub name: Option<String>,
    /// Free text.
    pub note: Option<String>,
}

/// A validated model.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Model {
    /// The model's name.
    pub name: Option<String>,
    /// Display currency.
    pub currency: String,
    /// Defaults.
    pub defaults: Defaults,
    /// Objectives, in file order.
    pub objectives: Vec<Objective>,
    /// Strategies, in file order.
    pub strategies: Vec<Strategy>,
    /// The strategy in force unless the user picks another: `strategy`, else the first.
    pub default_strategy: Option<StrategyIx>,
    /// Units, in file order.
    pub units: Vec<Unit>,
    /// Systems, in file order.
    pub systems: Vec<System>,
    /// Integrations, in file order.
    pub integrations: Vec<Integration>,
    /// Workflows, in file order.
    pub workflows: Vec<Workflow>,
    /// Known fix options, in file order.
    pub fixes: Vec<CatalogFix>,
}

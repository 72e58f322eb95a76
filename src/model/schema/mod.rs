//! The fields of every section of a model, declared once. The validator takes its
//! unknown-field and required checks (and their "did you mean") and its number ranges from
//! here, `docs/model.md` has its field tables generated from here (a test keeps them in
//! step), and a future `gapgraph schema` can print them.

mod field;

use field::{field, required};
pub use field::{Field, Kind, Range, Section, MAX_NUMBER, MIN_NUMBER};

/// A system's lifecycle stages, as written in files.
pub const LIFECYCLES: &[&str] = &["planned", "active", "phase-out", "end-of-support"];

/// A system's criticality levels, as written in files.
pub const CRITICALITIES: &[&str] = &["low", "medium", "high"];

/// The system kinds, as written in files.
pub const SYSTEM_KINDS: &[&str] = &[
    "application",
    "saas",
    "database",
    "platform",
    "spreadsheet",
    "email",
    "paper",
    "person",
];
/// The integration modes, as written in files.
pub const MODES: &[&str] = &["automated", "semi", "manual"];
/// The periods of `runs.per`, as written in files.
pub const PERIODS: &[&str] = &["day", "week", "month", "quarter", "year"];

const NON_NEGATIVE: Kind = Kind::Number(Range::NonNegative);
const POSITIVE: Kind = Kind::Number(Range::Positive);

/// The top level of a model file.
pub const TOP: Section = Section {
    name: "top",
    path: "",
    fields: &[
        field(
            "version",
            Kind::Version,
            "1",
            "the model format; if present it must be 1",
        ),
        field(
            "name",
            Kind::Text,
            "none",
            "the model's title, shown in reports",
        ),
        field(
            "currency",
            Kind::Text,
            "`USD`",
            "a label for money, display only; no conversion happens",
        ),
        field(
            "defaults",
            Kind::Map("defaults"),
            "all defaults",
            "the values used when an entry does not say otherwise",
        ),
        field(
            "objectives",
            Kind::IdMap("objective"),
            "none",
            "what the business is trying to achieve",
        ),
        field(
            "strategies",
            Kind::IdMap("strategy"),
            "none",
            "alternative weightings of the objectives",
        ),
        field(
            "strategy",
            Kind::Reference("strategy"),
            "the first strategy",
            "the strategy in force",
        ),
        field("units", Kind::IdMap("unit"), "none", "business units"),
        field(
            "systems",
            Kind::IdMap("system"),
            "none",
            "software systems and their manual stand-ins",
        ),
        field(
            "integrations",
            Kind::List("integration"),
            "none",
            "the existing data flows",
        ),
        field(
            "workflows",
            Kind::IdMap("workflow"),
            "none",
            "the business processes",
        ),
        field(
            "fixes",
            Kind::List("fix"),
            "none",
            "fix options the architects already know",
        ),
    ],
};

/// `defaults`.
pub const DEFAULTS: Section = Section {
    name: "defaults",
    path: "defaults",
    fields: &[
        field("hourly_cost", NON_NEGATIVE, "50", "staff cost of an hour for a workflow whose unit has no `hourly_cost`, or that has no unit"),
        field("manual_minutes", POSITIVE, "10", "a `manual` integration hop without `minutes`"),
        field("semi_minutes", POSITIVE, "3", "a `semi` integration hop without `minutes` (also an automated hop into or out of a manual kind)"),
        field("missing_minutes", NON_NEGATIVE, "15", "a handoff with no path, when the handoff has no `minutes`"),
        field("integration_cost", NON_NEGATIVE, "10000", "the cost of a fix when nothing more specific is given"),
        field("fte_hours", POSITIVE, "1720", "working hours of one full-time person a year (reports only)"),
        field("run_cost", NON_NEGATIVE, "0", "the yearly running cost of a fix once built, when neither the integration nor the catalogued fix gives `run_cost`"),
        field("horizon_years", Kind::Number(Range::Years), "3", "the years a fix's net saving is counted for its NPV"),
        field("discount_rate", Kind::Number(Range::Rate), "0.08", "the yearly discount rate of the NPV"),
    ],
};

/// An entry of `objectives`.
pub const OBJECTIVE: Section = Section {
    name: "objective",
    path: "objectives.ID",
    fields: &[
        field("name", Kind::Text, "the id", "display name"),
        field("description", Kind::Text, "none", "longer text"),
    ],
};

/// An entry of `strategies`.
pub const STRATEGY: Section = Section {
    name: "strategy",
    path: "strategies.ID",
    fields: &[
        field("name", Kind::Text, "the id", "display name"),
        field("description", Kind::Text, "none", "longer text"),
        required(
            "weights",
            Kind::ObjectiveShares(Range::Relative),
            "relative importance of each objective; at least one > 0",
        ),
    ],
};

/// An entry of `units`.
pub const UNIT: Section = Section {
    name: "unit",
    path: "units.ID",
    fields: &[
        field("name", Kind::Text, "the id", "display name"),
        field("owner", Kind::Text, "none", "who answers for it"),
        field(
            "hourly_cost",
            NON_NEGATIVE,
            "`defaults.hourly_cost`",
            "staff cost of an hour of this unit's workflows, in `currency`",
        ),
    ],
};

/// An entry of `systems`.
pub const SYSTEM: Section = Section {
    name: "system",
    path: "systems.ID",
    fields: &[
        field("name", Kind::Text, "the id", "display name"),
        field(
            "kind",
            Kind::OneOf(SYSTEM_KINDS),
            "`application`",
            "what sort of system; the last four are the *manual kinds*",
        ),
        field(
            "unit",
            Kind::Reference("unit"),
            "none",
            "the unit that owns it",
        ),
        field("owner", Kind::Text, "none", "who answers for it"),
        field(
            "satisfaction",
            Kind::Number(Range::Rating),
            "none",
            "users' rating; reported, not scored",
        ),
        field(
            "annual_cost",
            NON_NEGATIVE,
            "none",
            "what it costs to run; reported, not scored",
        ),
        field(
            "lifecycle",
            Kind::OneOf(LIFECYCLES),
            "none",
            "where it is in its life; an `end-of-support` system still in a workflow is warned about",
        ),
        field(
            "criticality",
            Kind::OneOf(CRITICALITIES),
            "none",
            "what its failure or a leak would cost (the highest of its availability, integrity and confidentiality needs); reported, not scored",
        ),
    ],
};

/// An entry of `integrations`.
pub const INTEGRATION: Section = Section {
    name: "integration",
    path: "integrations[N]",
    fields: &[
        field(
            "id",
            Kind::Identifier,
            "`FROM->TO`",
            "unique among integrations: two between the same pair need an explicit id on one",
        ),
        required(
            "from",
            Kind::Reference("system"),
            "where the data comes from",
        ),
        required(
            "to",
            Kind::Reference("system"),
            "where it goes; must differ from `from`",
        ),
        required("carries", Kind::DataObjects, "the data objects it moves"),
        field(
            "mode",
            Kind::OneOf(MODES),
            "`automated`",
            "`semi`: a person triggers an export/import; `manual`: a person re-keys",
        ),
        field(
            "minutes",
            POSITIVE,
            "by mode, from `defaults`",
            "human minutes per use of this hop; ignored when the hop is effectively automated",
        ),
        field(
            "fix_cost",
            NON_NEGATIVE,
            "`defaults.integration_cost`",
            "what it costs to make it automated",
        ),
        field(
            "run_cost",
            NON_NEGATIVE,
            "`defaults.run_cost`",
            "what it costs a year to run once automated (licences, support); lowers the fix's net saving",
        ),
        field(
            "actual_cost",
            NON_NEGATIVE,
            "none",
            "what building it actually cost, once built; `gapgraph review` sets it against the plan's cost; reported, not scored",
        ),
        field(
            "source",
            Kind::Map("integration-source"),
            "every figure `stated`",
            "where its figures come from: `minutes`, `fix_cost`, `run_cost` -> `stated`, `imported` or `measured`",
        ),
        field("via", Kind::Text, "none", "transport, reported only"),
        field("name", Kind::Text, "none", "reported only"),
        field("note", Kind::Text, "none", "reported only"),
    ],
};

/// An entry of `workflows`.
pub const WORKFLOW: Section = Section {
    name: "workflow",
    path: "workflows.ID",
    fields: &[
        field("name", Kind::Text, "the id", "display name"),
        field(
            "unit",
            Kind::Reference("unit"),
            "none",
            "the unit whose staff does the work (and whose hourly cost prices its gaps)",
        ),
        field("owner", Kind::Text, "none", "who answers for it"),
        required("runs", Kind::Map("runs"), "how often it runs"),
        field(
            "serves",
            Kind::ObjectiveShares(Range::UnitInterval),
            "empty (serves nothing)",
            "how much the workflow serves each objective",
        ),
        required("handoffs", Kind::List("handoff"), "the steps; not empty"),
        field(
            "source",
            Kind::Map("workflow-source"),
            "every figure `stated`",
            "where its figures come from: `runs` -> `stated`, `imported` or `measured`",
        ),
    ],
};

/// `runs` of a workflow or a handoff.
pub const RUNS: Section = Section {
    name: "runs",
    path: "workflows.ID.runs",
    fields: &[
        required("count", POSITIVE, "runs per period"),
        required(
            "per",
            Kind::OneOf(PERIODS),
            "the period: a year has 250 days, 52 weeks, 12 months, 4 quarters",
        ),
    ],
};

/// An entry of a workflow's `handoffs`.
pub const HANDOFF: Section = Section {
    name: "handoff",
    path: "workflows.ID.handoffs[N]",
    fields: &[
        required("from", Kind::Reference("system"), "where the data is"),
        required(
            "to",
            Kind::Reference("system"),
            "where it must go; must differ from `from`",
        ),
        required(
            "data",
            Kind::DataObject,
            "the one data object that must move",
        ),
        field(
            "minutes",
            NON_NEGATIVE,
            "`defaults.missing_minutes`",
            "human minutes per run to do it *around* the systems (the fallback)",
        ),
        field(
            "runs",
            Kind::Map("runs"),
            "the workflow's `runs`",
            "how often this handoff happens when that is not once per run of its workflow",
        ),
        field(
            "by",
            Kind::Reference("unit"),
            "the workflow's `unit`",
            "the unit whose staff do this handoff's manual work; its hourly cost prices the handoff",
        ),
        field(
            "source",
            Kind::Map("handoff-source"),
            "every figure `stated`",
            "where its figures come from: `minutes`, `runs` -> `stated`, `imported` or `measured`",
        ),
        field("note", Kind::Text, "none", "free text"),
    ],
};

/// An entry of `fixes`.
pub const FIX: Section = Section {
    name: "fix",
    path: "fixes[N]",
    fields: &[
        field(
            "id",
            Kind::Identifier,
            "`FROM->TO`",
            "unique among fixes, and not equal to an integration id",
        ),
        required(
            "from",
            Kind::Reference("system"),
            "where the new integration starts",
        ),
        required(
            "to",
            Kind::Reference("system"),
            "where it ends; must differ from `from`",
        ),
        required(
            "cost",
            NON_NEGATIVE,
            "its cost; 0 for something already paid for",
        ),
        field(
            "carries",
            Kind::DataObjects,
            "the data of the gaps from `from` to `to`",
            "the data objects it will move",
        ),
        field(
            "run_cost",
            NON_NEGATIVE,
            "`defaults.run_cost`",
            "what it costs a year to run once built",
        ),
        field(
            "source",
            Kind::Map("fix-source"),
            "every figure `stated`",
            "where its figures come from: `cost`, `run_cost` -> `stated`, `imported` or `measured`",
        ),
        field("name", Kind::Text, "none", "display name"),
        field("note", Kind::Text, "none", "free text"),
    ],
};

/// The words a `source` map gives a figure.
pub const SOURCES: &[&str] = &["stated", "imported", "measured"];

const fn source_of(name: &'static str, doc: &'static str) -> Field {
    field(name, Kind::OneOf(SOURCES), "`stated`", doc)
}

const EVIDENCE: Field = field(
    "evidence",
    Kind::Text,
    "none",
    "what the figures rest on: a log, a survey, an import",
);

/// `source` of an integration: where its figures come from. A figure the map does not
/// name, and the model states, is `stated`.
pub const INTEGRATION_SOURCE: Section = Section {
    name: "integration-source",
    path: "integrations[N].source",
    fields: &[
        source_of("minutes", "where `minutes` comes from"),
        source_of("fix_cost", "where `fix_cost` comes from"),
        source_of("run_cost", "where `run_cost` comes from"),
        EVIDENCE,
    ],
};

/// `source` of a workflow.
pub const WORKFLOW_SOURCE: Section = Section {
    name: "workflow-source",
    path: "workflows.ID.source",
    fields: &[source_of("runs", "where `runs` comes from"), EVIDENCE],
};

/// `source` of a handoff.
pub const HANDOFF_SOURCE: Section = Section {
    name: "handoff-source",
    path: "workflows.ID.handoffs[N].source",
    fields: &[
        source_of("minutes", "where `minutes` comes from"),
        source_of("runs", "where `runs` comes from"),
        EVIDENCE,
    ],
};

/// `source` of a catalogued fix.
pub const FIX_SOURCE: Section = Section {
    name: "fix-source",
    path: "fixes[N].source",
    fields: &[
        source_of("cost", "where `cost` comes from"),
        source_of("run_cost", "where `run_cost` comes from"),
        EVIDENCE,
    ],
};

/// Every section, in the order of the docs.
pub const SECTIONS: &[Section] = &[
    TOP,
    DEFAULTS,
    OBJECTIVE,
    STRATEGY,
    UNIT,
    SYSTEM,
    INTEGRATION,
    WORKFLOW,
    RUNS,
    HANDOFF,
    FIX,
    INTEGRATION_SOURCE,
    WORKFLOW_SOURCE,
    HANDOFF_SOURCE,
    FIX_SOURCE,
];

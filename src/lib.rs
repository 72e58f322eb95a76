//! gapgraph: find where workflows between software systems turn manual or break, price
//! each gap in staff hours, and rank the integrations that would fix them by how much they
//! serve the strategy in force.
//!
//! ```
//! let source = "systems: {crm: {}, erp: {}}\n\
//!               workflows:\n  w:\n    runs: {count: 10, per: month}\n    handoffs: [{from: crm, to: erp, data: order}]\n";
//! let loaded = gapgraph::load_str(source, "model.yaml").unwrap();
//! let analysis = gapgraph::analysis::analyze(&loaded.model, loaded.model.default_strategy);
//! assert_eq!(analysis.summary.missing, 1);
//! ```
//!
//! Results and selections name what they are about by typed indexes into the model
//! ([`model::StrategyIx`], [`model::SystemIx`], ...), which only a model hands out: a
//! strategy is picked with `model.strategy_index("growth")`, never with a bare number.
#![deny(missing_docs)]

pub mod analysis;
pub mod decide;
pub mod diagnostic;
pub mod discover;
pub mod import;
pub mod input;
pub mod json_schema;
pub mod model;
pub mod open;
pub(crate) mod parallel;
pub mod render;
pub mod select;
pub mod sheets;
pub(crate) mod text;
pub mod view;
pub(crate) mod warnings;

pub use diagnostic::Diagnostic;
pub use model::{Loaded, Model, Syntax};

/// Loads a model from its text; `origin` (a file name or `-`) picks the syntax. Every
/// problem is reported at once, each with its code, field path and line and column.
///
/// ```
/// let bad = "systems: {crm: {}}\nintegrations:\n  - {from: crm, to: erp}\n";
/// let errors = gapgraph::load_str(bad, "model.yaml").unwrap_err();
/// // Both problems at once: `carries` is missing, `erp` is not a system.
/// let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
/// assert_eq!(paths, ["integrations[1]", "integrations[1].to"]);
/// assert_eq!(errors[1].pos.map(|p| (p.line, p.column)), Some((3, 21)));
/// assert_eq!(errors[1].message, "unknown system `erp`");
/// ```
pub fn load_str(source: &str, origin: &str) -> Result<Loaded, Vec<Diagnostic>> {
    model::load(source, Syntax::detect(origin, source))
}

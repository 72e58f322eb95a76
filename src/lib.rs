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
#![deny(missing_docs)]

pub mod analysis;
pub mod app;
pub mod decide;
pub mod diagnostic;
pub mod discover;
pub mod import;
pub(crate) mod input;
pub mod json_schema;
pub mod model;
pub mod render;
pub mod select;
pub mod sheets;
pub(crate) mod text;
pub mod view;
pub(crate) mod warnings;

pub use diagnostic::Diagnostic;
pub use model::{Loaded, Model, Syntax};

/// Loads a model from its text; `origin` (a file name or `-`) picks the syntax.
pub fn load_str(source: &str, origin: &str) -> Result<Loaded, Vec<Diagnostic>> {
    model::load(source, Syntax::detect(origin, source))
}

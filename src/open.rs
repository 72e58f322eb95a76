//! A model opened for a command: read under the size cap, validated, and the identifiers
//! the command names (`--strategy`, `--workflow`, `--unit`) resolved against it, so that
//! analysis and rendering start from indexes that cannot be wrong.

use std::io::{Read, Write};

use crate::diagnostic::Diagnostic;
use crate::input::{open_model, OpenError};
use crate::model::Loaded;
use crate::select::{select, Names, Selection};

/// A model ready for a command.
#[derive(Debug)]
pub struct Opened {
    /// The validated model and its warnings.
    pub loaded: Loaded,
    /// Its text, for showing warnings against their source lines.
    pub source: String,
    /// The identifiers the command named, as indexes.
    pub selection: Selection,
}

/// Why a model could not be opened for a command.
#[derive(Debug, thiserror::Error)]
pub enum OpenFailure {
    /// It could not be read, or is not a valid model.
    #[error(transparent)]
    Input(#[from] OpenError),
    /// It is valid, but names the command gave are not in it: one diagnostic each.
    #[error("{} unknown name{} on the command line", .0.len(), if .0.len() == 1 { "" } else { "s" })]
    UnknownNames(Vec<Diagnostic>),
}

/// The model at `path` (`-`: `stdin`) opened with `names` resolved; when it is not valid,
/// every error is written to `diagnostics` (see [`open_model`]).
///
/// ```
/// use gapgraph::open::{open, OpenFailure};
/// use gapgraph::select::Names;
///
/// let text = "systems: {crm: {}, erp: {}}\nobjectives: {sales: {}}\n\
///             strategies: {growth: {weights: {sales: 1}}}\n";
/// let names = Names { strategy: Some("growth".into()), ..Names::default() };
/// let opened = open("-", &names, &mut text.as_bytes(), &mut Vec::new()).unwrap();
/// let growth = opened.loaded.model.strategy_index("growth");
/// assert_eq!(opened.selection.strategy, growth);
/// assert_eq!(growth.map(|s| s.index()), Some(0));
///
/// let typo = Names { strategy: Some("grwoth".into()), ..Names::default() };
/// let Err(OpenFailure::UnknownNames(problems)) =
///     open("-", &typo, &mut text.as_bytes(), &mut Vec::new())
/// else {
///     panic!("an unknown strategy is refused");
/// };
/// assert_eq!(problems[0].summary(), "unknown strategy `grwoth`; did you mean `growth`?");
///
/// let mut diagnostics = Vec::new();
/// let invalid = open("-", &names, &mut "systems: [".as_bytes(), &mut diagnostics);
/// assert_eq!(invalid.unwrap_err().to_string(), "<stdin> is not a valid model (1 error)");
/// assert!(!diagnostics.is_empty());
/// ```
pub fn open(
    path: &str,
    names: &Names,
    stdin: &mut dyn Read,
    diagnostics: &mut dyn Write,
) -> Result<Opened, OpenFailure> {
    let (loaded, source) = open_model(path, stdin, diagnostics)?;
    let selection = select(&loaded.model, names).map_err(OpenFailure::UnknownNames)?;
    Ok(Opened {
        loaded,
        source,
        selection,
    })
}

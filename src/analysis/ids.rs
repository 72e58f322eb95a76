//! How results name what they are about: indexes into the model, never copies of its strings.
//! Renderers turn them into ids with the model at hand, so an analysis of 100,000 handoffs
//! carries no string of its own.

use std::borrow::Cow;

use crate::model::{CatalogFixIx, IntegrationIx, Model, SystemIx};

/// A fix candidate, by what it is made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FixId {
    /// Automate this model integration: its id is the integration's.
    Automate(IntegrationIx),
    /// Build this catalogued fix (of `model.fixes`): its id is the fix's.
    Catalog(CatalogFixIx),
    /// Connect the two systems (indexes): its id is `from->to`.
    Connect {
        /// Source system.
        from: SystemIx,
        /// Target system.
        to: SystemIx,
    },
}

impl FixId {
    /// The id reports show (docs/scoring.md, section 3).
    pub fn text<'m>(&self, model: &'m Model) -> Cow<'m, str> {
        match *self {
            FixId::Automate(i) => Cow::Borrowed(&model.integration(i).id),
            FixId::Catalog(f) => Cow::Borrowed(&model.catalog_fix(f).id),
            FixId::Connect { from, to } => Cow::Owned(format!(
                "{}->{}",
                model.system(from).id,
                model.system(to).id
            )),
        }
    }

    /// The bytes of [`FixId::text`], without building the text (rankings compare ids
    /// millions of times on a large plan).
    fn text_bytes<'m>(&self, model: &'m Model) -> impl Iterator<Item = u8> + 'm {
        let (head, tail): (&'m str, Option<&'m str>) = match *self {
            FixId::Automate(i) => (&model.integration(i).id, None),
            FixId::Catalog(f) => (&model.catalog_fix(f).id, None),
            FixId::Connect { from, to } => (&model.system(from).id, Some(&model.system(to).id)),
        };
        let arrow: &'static [u8] = if tail.is_some() { b"->" } else { b"" };
        head.bytes()
            .chain(arrow.iter().copied())
            .chain(tail.unwrap_or("").bytes())
    }

    /// The byte order of two fixes' ids, as [`FixId::text`] would compare them.
    pub fn cmp_text(&self, other: &FixId, model: &Model) -> std::cmp::Ordering {
        self.text_bytes(model).cmp(other.text_bytes(model))
    }
}

/// One hop of a reported path: a model integration, or a fix a scenario added.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PathHop {
    /// This model integration.
    Integration(IntegrationIx),
    /// A new integration a fix builds (a scenario's, never today's model).
    Fix(FixId),
}

impl PathHop {
    /// The id reports show.
    pub fn text<'m>(&self, model: &'m Model) -> Cow<'m, str> {
        match self {
            PathHop::Integration(i) => Cow::Borrowed(&model.integration(*i).id),
            PathHop::Fix(fix) => fix.text(model),
        }
    }

    /// The model integration, if it is one.
    pub fn integration(&self) -> Option<IntegrationIx> {
        match self {
            PathHop::Integration(i) => Some(*i),
            PathHop::Fix(_) => None,
        }
    }
}

/// The ids of a path, in order.
pub fn path_ids(model: &Model, path: &[PathHop]) -> Vec<String> {
    path.iter()
        .map(|hop| hop.text(model).into_owned())
        .collect()
}

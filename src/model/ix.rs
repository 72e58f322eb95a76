//! Typed indexes into a [`Model`](super::Model)'s lists, as petgraph types its node and
//! edge indexes: a `SystemIx` indexes `Model::systems` and nothing else, so a strategy
//! index cannot be passed where a system is meant, and a library user cannot make one
//! out of a bare number. Indexes come from a model (its lookups and iterators, and the
//! validated references it holds); the crate makes them when it builds or reads the
//! lists. Inside a module, `.index()` gives the position in the `Vec`.

/// Declares index newtypes over `usize`, one per list of the model.
macro_rules! index_types {
    ($($(#[$doc:meta])* $name:ident;)+) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[repr(transparent)]
        pub struct $name(usize);

        impl $name {
            /// The index at position `index` of its list; only the crate makes indexes.
            #[inline]
            pub(crate) const fn new(index: usize) -> Self {
                Self(index)
            }

            /// The position in its list.
            #[inline]
            pub const fn index(self) -> usize {
                self.0
            }
        }
    )+};
}

pub(crate) use index_types;

index_types! {
    /// An index into `Model::strategies`.
    StrategyIx;
    /// An index into `Model::objectives`.
    ObjectiveIx;
    /// An index into `Model::units`.
    UnitIx;
    /// An index into `Model::systems`.
    SystemIx;
    /// An index into `Model::integrations`.
    IntegrationIx;
    /// An index into `Model::workflows`.
    WorkflowIx;
    /// An index into `Model::fixes` (the catalogued fixes).
    CatalogFixIx;
}

/// For each list: the entry at an index, every index in order, and the index of an id.
macro_rules! lists {
    ($($ix:ident, $item:ident, $list:ident, $get:ident, $all:ident, $find:ident;)+) => {
        impl super::Model {$(
            #[doc = concat!("The entry of `Model::", stringify!($list), "` at `ix`.")]
            #[inline]
            pub fn $get(&self, ix: $ix) -> &super::$item {
                &self.$list[ix.0]
            }

            #[doc = concat!("Every index of `Model::", stringify!($list), "`, in file order.")]
            pub fn $all(&self) -> impl ExactSizeIterator<Item = $ix> + DoubleEndedIterator {
                (0..self.$list.len()).map($ix::new)
            }

            #[doc = concat!("The index of the entry of `Model::", stringify!($list), "` with this id.")]
            pub fn $find(&self, id: &str) -> Option<$ix> {
                self.$list.iter().position(|x| x.id == id).map($ix::new)
            }
        )+}
    };
}

lists! {
    StrategyIx, Strategy, strategies, strategy, strategy_ixs, strategy_index;
    ObjectiveIx, Objective, objectives, objective, objective_ixs, objective_index;
    UnitIx, Unit, units, unit, unit_ixs, unit_index;
    SystemIx, System, systems, system, system_ixs, system_index;
    IntegrationIx, Integration, integrations, integration, integration_ixs, integration_index;
    WorkflowIx, Workflow, workflows, workflow, workflow_ixs, workflow_index;
    CatalogFixIx, CatalogFix, fixes, catalog_fix, catalog_fix_ixs, catalog_fix_index;
}

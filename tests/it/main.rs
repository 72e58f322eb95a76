//! The integration tests: one binary, one module per subject, run against the built
//! `gapgraph` binary and the library. Shared helpers live in `support`; the tests that take
//! long (Graphviz, Chromium, the real event logs) in `slow`, which a developer may skip with
//! `cargo test -- --skip slow::` (docs/ci.md).

// A test that is skipped says why on standard error.
#![allow(clippy::disallowed_macros)]

mod support;

mod batch_steps;
mod benefits;
mod cli;
mod cli_interop;
mod corpus;
mod decide;
mod discover;
mod discover_props;
mod doc_examples;
mod engine_equivalence;
mod escaping;
mod graphviz;
mod hand_computed;
mod import_archimate;
mod model_docs;
mod model_fidelity;
mod properties;
mod reference;
mod render_formats;
mod schema;
mod slow;
mod warnings_cli;

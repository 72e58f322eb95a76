//! The integration tests: one binary, one module per subject, run against the built
//! `gapgraph` binary and the library. Shared helpers live in `support`; the tests that take
//! long (Graphviz, Chromium, the real event logs) in `slow`, which a developer may skip with
//! `cargo test -- --skip slow::` (docs/ci.md).

// A test that is skipped says why on standard error.
#![allow(clippy::disallowed_macros)]
// Table-driven tests and hand computations read top to bottom; the 80-line limit is for src/.
#![allow(clippy::too_many_lines)]

mod support;

mod batch_steps;
mod benefits;
mod calm;
mod cli;
mod cli_interop;
mod compact;
mod corpus;
mod decide;
mod discover;
mod discover_props;
mod doc_examples;
mod dot_stream;
mod engine_equivalence;
mod escaping;
mod explorer;
mod graph_store;
mod graphviz;
mod hand_computed;
mod impact;
mod import_archimate;
mod model_docs;
mod model_fidelity;
mod properties;
mod reference;
mod render_formats;
mod schema;
mod sensitivity_equivalence;
mod sheets_import;
mod slow;
mod streaming;
mod text_boxes;
mod warnings_cli;

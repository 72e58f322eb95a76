//! The slow tests: Graphviz `dot` drawing every shipped model as SVG and PNG, headless
//! Chromium loading the HTML report, `discover` on the real event logs of
//! ../shared/data/eventlogs. `cargo test` runs them (CI too); a developer skips them with
//! `cargo test -- --skip slow::` (docs/ci.md). Those that need `dot` or Chromium are
//! ignored, with the reason, when the program is missing outside CI.

mod browser;
mod cdp;
mod discover_real;
mod explorer;
mod graphviz;
mod text_overlap;

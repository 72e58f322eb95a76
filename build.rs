//! Tells the test suite which external programs it can use. A test that needs Graphviz
//! `dot` or Chromium is `#[ignore]`d (with the reason) when the program is missing on a
//! developer's machine, and runs (so fails loudly) in CI, where `CI=true` and `.ci/run`
//! installs both.

// A build script talks to cargo on standard output.
#![allow(clippy::disallowed_macros)]

use std::env;
use std::path::Path;

/// Whether `program` is on PATH. Either way cargo is told what to watch, so installing or
/// removing the program later re-runs this script without a clean build.
fn on_path(program: &str) -> bool {
    let dirs: Vec<_> = env::var_os("PATH")
        .map(|paths| env::split_paths(&paths).collect())
        .unwrap_or_default();
    match dirs
        .iter()
        .map(|dir| Path::new(dir).join(program))
        .find(|p| p.is_file())
    {
        Some(found) => {
            println!("cargo::rerun-if-changed={}", found.display());
            true
        }
        None => {
            for dir in dirs.iter().filter(|dir| dir.is_dir()) {
                println!("cargo::rerun-if-changed={}", dir.display());
            }
            false
        }
    }
}

fn main() {
    println!("cargo::rerun-if-env-changed=PATH");
    println!("cargo::rerun-if-env-changed=CI");
    println!("cargo::rustc-check-cfg=cfg(gapgraph_no_dot)");
    println!("cargo::rustc-check-cfg=cfg(gapgraph_no_chromium)");
    let in_ci = env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    if in_ci {
        return;
    }
    if !on_path("dot") {
        println!("cargo::rustc-cfg=gapgraph_no_dot");
    }
    if !(on_path("chromium") || on_path("chromium-browser")) {
        println!("cargo::rustc-cfg=gapgraph_no_chromium");
    }
}

//! SVG and PNG through Graphviz `dot` for every shipped model (the error a user gets when
//! `dot` is not installed is in `graphviz`, outside `slow`). Ignored (with the reason) when
//! `dot` is missing outside CI; in CI (`CI=true`) they always run, and `.ci/run` installs
//! graphviz.

use std::path::{Path, PathBuf};

use crate::support::gapgraph;

/// Every model file under `fixtures/valid` plus the test models, found at run time so a
/// new fixture is covered without touching this file.
fn models() -> Vec<PathBuf> {
    let mut models = Vec::new();
    for dir in ["fixtures/valid", "tests/data"] {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml" | "json")
            ) {
                models.push(path);
            }
        }
    }
    models.sort();
    models
}

/// Draws `model` (with `extra` arguments) and returns what gapgraph said on stderr.
fn draw(model: &Path, format: &str, extra: &[&str], out: &Path) -> String {
    let output = gapgraph()
        // What is checked here is the drawing, not the time bound (tests/corpus.rs checks
        // that): dot on a loaded machine can take many times its idle time.
        .env("GAPGRAPH_DOT_TIMEOUT", "600")
        .arg("diagram")
        .arg(model)
        .args(extra)
        .args(["--format", format, "-o"])
        .arg(out)
        .output()
        .expect("gapgraph runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{} {extra:?} --format {format}: {}",
        model.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn draw_every_model(format: &str, magic: &[u8]) {
    let models = models();
    assert!(!models.is_empty(), "fixtures were found");
    let dir = tempfile::tempdir().unwrap();
    for model in &models {
        for level in ["system", "unit"] {
            let out = dir.path().join(format!("diagram.{format}"));
            let stderr = draw(model, format, &["--level", level], &out);
            let bytes = std::fs::read(&out).unwrap();
            assert!(
                bytes.windows(magic.len()).take(1000).any(|w| w == magic),
                "{} --level {level} gives a {format}",
                model.display()
            );
            let large = model.ends_with("large-300.yaml");
            if level == "unit" || !large {
                assert_eq!(stderr, "", "{} --level {level}", model.display());
            } else {
                assert!(
                    stderr.contains("hint: this diagram has 300 systems"),
                    "{stderr}"
                );
                // A map this large is laid out with Graphviz's quick settings (in seconds,
                // not half a minute), and the user hears it.
                assert!(
                    stderr.contains("note: the map has 1174 DOT statements")
                        && stderr.contains("quick settings"),
                    "{stderr}"
                );
                if format == "png" {
                    // Held to 60 inches: 5,760 pixels on the long side, not a 32,767-pixel
                    // bitmap Graphviz would scale down.
                    assert!(stderr.contains("at most 60 inches wide"), "{stderr}");
                    assert!(!stderr.contains("too large"), "{stderr}");
                    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
                    assert_eq!(width, 5760, "{}", model.display());
                }
            }
        }
    }
}

// Two tests, so the test harness draws SVG and PNG in parallel.
#[test]
#[cfg_attr(
    gapgraph_no_dot,
    ignore = "Graphviz `dot` is not on PATH (CI installs graphviz)"
)]
fn every_shipped_model_draws_as_svg() {
    draw_every_model("svg", b"<svg");
}

#[test]
#[cfg_attr(
    gapgraph_no_dot,
    ignore = "Graphviz `dot` is not on PATH (CI installs graphviz)"
)]
fn every_shipped_model_draws_as_png() {
    draw_every_model("png", b"\x89PNG\r\n\x1a\n");
}

#[test]
#[cfg_attr(
    gapgraph_no_dot,
    ignore = "Graphviz `dot` is not on PATH (CI installs graphviz)"
)]
fn focus_views_draw_too() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("focus.svg");
    let output = gapgraph()
        .args([
            "diagram",
            "tests/data/render.yaml",
            "--workflow",
            "quote-to-cash",
            "--gaps-only",
            "--format",
            "svg",
            "-o",
        ])
        .arg(&svg)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("CRM") && !text.contains("Old archive"));

    // A unit and its neighbours: the unit's box, the other ends outside it.
    let model = Path::new("fixtures/valid/seed.yaml");
    let stderr = draw(model, "svg", &["--unit", "finance"], &svg);
    assert_eq!(stderr, "");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("Finance (CFO)") && text.contains("[Sales]"));
    assert!(!text.contains("Manufacturing (Plant manager)"));
    // One workflow of the large model: its steps are numbered.
    let large = Path::new("fixtures/valid/large-300.yaml");
    let stderr = draw(large, "svg", &["--workflow", "w0-0"], &svg);
    assert_eq!(stderr, "", "one workflow draws without a hint");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("step 1"), "step numbers in a workflow view");
}

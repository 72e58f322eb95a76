//! Graphviz's drawings print no text over another (the estimate of `text_boxes`), on the
//! seed, the 300-system model, the 34-system one and a model of long names: every map of
//! the HTML review, the unit overview, the whole map and each unit's view. And the
//! clustered map that made Graphviz 2.43 fail ("trouble in init_rank") draws with its unit
//! boxes; when `dot` cannot draw the boxes, the review says so and drops their titles.
//! Ignored (with the reason) when `dot` is missing outside CI.

use std::path::Path;

use crate::support::{self, gapgraph};
use crate::text_boxes::{overlaps, svg_elements, text_boxes};

/// Runs gapgraph with `args`, which must succeed; returns standard output and error.
fn run(args: &[&str], path: Option<&Path>) -> (String, String) {
    let mut command = gapgraph();
    // What is checked is the drawing, not the time bound: dot on a loaded machine can
    // take many times its idle time.
    command.env("GAPGRAPH_DOT_TIMEOUT", "600").args(args);
    if let Some(path) = path {
        command.env("PATH", path);
    }
    let output = command.output().expect("gapgraph runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
    (String::from_utf8(output.stdout).unwrap(), stderr)
}

/// The ids of `model`'s units.
fn unit_ids(model: &str) -> Vec<String> {
    let (json, _) = run(&["analyze", model, "--format", "json"], None);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    report["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap().to_string())
        .collect()
}

/// Every picture of `model` that Graphviz draws, named: the review's maps, the unit
/// overview, the whole map and each unit's view.
fn pictures(model: &str) -> Vec<(String, String)> {
    let mut pictures = Vec::new();
    let (page, _) = run(&["analyze", model, "--format", "html"], None);
    for (k, map) in svg_elements(&page, "width=\"").into_iter().enumerate() {
        // The key's samples are ours, 84 wide; the maps are Graphviz's, in points.
        if map.contains("class=\"graph\"") {
            pictures.push((format!("review map {k}"), map.to_string()));
        }
    }
    let mut views = vec![vec!["--level".to_string(), "unit".to_string()], Vec::new()];
    views.extend(
        unit_ids(model)
            .into_iter()
            .map(|u| vec!["--unit".to_string(), u]),
    );
    for view in views {
        let mut args = vec!["diagram", model, "--format", "svg"];
        args.extend(view.iter().map(String::as_str));
        let (svg, _) = run(&args, None);
        pictures.push((view.join(" "), svg));
    }
    pictures
}

#[test]
#[cfg_attr(
    gapgraph_no_dot,
    ignore = "Graphviz `dot` is not on PATH (CI installs graphviz)"
)]
fn no_text_of_a_map_prints_over_another() {
    for model in [
        "fixtures/valid/seed.yaml",
        "fixtures/valid/large-300.yaml",
        "fixtures/valid/wholesale-34.yaml",
        "tests/data/long-names.yaml",
    ] {
        let pictures = pictures(model);
        assert!(pictures.len() >= 4, "{model}: {} pictures", pictures.len());
        for (name, svg) in &pictures {
            assert!(
                text_boxes(svg).len() > 3,
                "{model} {name}: the picture has its texts"
            );
            let pairs = overlaps(svg);
            assert!(pairs.is_empty(), "{model} {name}: {pairs:?}");
        }
    }
}

#[test]
#[cfg_attr(
    gapgraph_no_dot,
    ignore = "Graphviz `dot` is not on PATH (CI installs graphviz)"
)]
fn a_clustered_map_dot_could_not_rank_draws_with_its_unit_boxes() {
    // With edge labels as labels, Graphviz 2.43 stopped on this map with "trouble in
    // init_rank" and it was drawn without boxes; each label is now a node of its own.
    let (svg, stderr) = run(
        &[
            "diagram",
            "tests/data/cluster-ranks.yaml",
            "--format",
            "svg",
        ],
        None,
    );
    assert_eq!(stderr, "");
    // Three unit boxes and the legend's.
    assert_eq!(svg.matches("class=\"cluster\"").count(), 4, "{svg}");
    for unit in ["Unit 1", "Unit 3", "Unit 4"] {
        assert!(svg.contains(&format!(">{unit}</text>")), "{unit}");
    }
}

#[test]
#[cfg_attr(
    gapgraph_no_dot,
    ignore = "Graphviz `dot` is not on PATH (CI installs graphviz)"
)]
fn a_map_drawn_without_its_unit_boxes_drops_their_titles_and_says_so() {
    // A `dot` that refuses unit boxes, as Graphviz does on some layouts; the real one
    // draws the rest.
    let dir = support::temp_dir();
    let real = std::env::var("PATH").unwrap_or_default();
    let dot = dir.path().join("dot");
    std::fs::write(
        &dot,
        format!(
            "#!/bin/sh\ninput=$(cat)\ncase \"$input\" in\n  *'subgraph cluster'*) \
             echo 'trouble in init_rank' >&2; exit 1;;\nesac\nprintf '%s' \"$input\" | \
             PATH='{real}' dot \"$@\"\n"
        ),
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dot, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!("{}:{real}", dir.path().display());
    let (page, stderr) = run(
        &["analyze", "fixtures/valid/seed.yaml", "--format", "html"],
        Some(Path::new(&path)),
    );
    assert!(stderr.contains("drawn without them"), "{stderr}");
    let map = &page[page.find("id=\"map-systems\"").unwrap()..];
    let (map, after) = map.split_at(map.find("</figure>").unwrap());
    assert!(map.contains("<svg"), "the map is drawn");
    for title in [
        "Sales (VP Sales)",
        "Finance (CFO)",
        "Manufacturing (Plant manager)",
    ] {
        assert!(!map.contains(title), "{title} floats without its box");
    }
    let caption = &after[..after.find("</p>").unwrap()];
    assert!(
        caption.contains("Graphviz could not lay this map out with its unit boxes")
            && !caption.contains("grouped by"),
        "{caption}"
    );
    // The systems' key no longer says they are boxed by unit on this page's first map
    // either; a workflow's map says the same.
    let workflow = &page[page.find("id=\"map-lead-to-cash\"").unwrap()..];
    let workflow = &workflow[workflow.find("</figure>").unwrap()..];
    assert!(workflow[..workflow.find("</p>").unwrap()].contains("without them"));
}

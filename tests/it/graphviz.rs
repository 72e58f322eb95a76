//! The error a user gets when Graphviz `dot` is not installed (drawing with `dot` is in
//! `slow::graphviz`).

use crate::support::gapgraph;

#[test]
fn missing_graphviz_exits_2_with_a_clear_message() {
    let empty = tempfile::tempdir().unwrap();
    for format in ["svg", "png"] {
        let out = empty.path().join(format!("diagram.{format}"));
        let output = gapgraph()
            .env("PATH", empty.path())
            .args([
                "diagram",
                "tests/data/render.yaml",
                "--format",
                format,
                "-o",
            ])
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "--format {format}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("Graphviz `dot` not found; install graphviz or use --format dot"),
            "{stderr}"
        );
        assert!(!out.exists(), "no half-written {format} file is left");
    }
    // The formats that need no Graphviz still work without it.
    for format in ["dot", "mermaid"] {
        gapgraph()
            .env("PATH", empty.path())
            .args(["diagram", "tests/data/render.yaml", "--format", format])
            .assert()
            .success();
    }
}

/// An HTML review draws its maps side by side: a stand-in `dot` that takes longer for the
/// maps it is given first (so they end out of order) still puts each map in its own place,
/// and its warnings come in the order of the maps.
#[test]
fn maps_drawn_side_by_side_keep_their_places_and_their_notes_order() {
    let dir = crate::support::temp_dir();
    let started = dir.path().join("started");
    std::fs::create_dir(&started).unwrap();
    let script = format!(
        "#!/bin/sh\ninput=$(cat)\n\
         label=$(printf '%s\\n' \"$input\" | sed -n 's/^ *n[0-9]*\\[label=\"\\([^\"\\\\]*\\).*/\\1/p' | tr '\\n' '/')\n\
         label=\"[$label]\"\n\
         n=$(ls '{started}' | wc -l)\ntouch '{started}'/$$\n\
         sleep 0.$(( n < 6 ? 6 - n : 1 ))\n\
         echo \"drew $label\" >&2\n\
         printf '<svg width=\"10pt\"><text>%s</text></svg>\\n' \"$label\"\n",
        started = started.display()
    );
    let dot = dir.path().join("dot");
    std::fs::write(&dot, script).unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dot, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!(
        "{}:{}",
        dir.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = gapgraph()
        .env("PATH", path)
        .args(["analyze", "fixtures/valid/seed.yaml", "--format", "html"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let page = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    // Each workflow's figure holds the map drawn from that workflow's DOT text (maps in a
    // page have no title of their own: the stand-in names a map by its systems).
    let workflows = [
        (
            "lead-to-cash",
            "CRM/Closed deals tracker/Accounting/Payment service/",
        ),
        ("lead-capture", "CRM/Marketing automation/Website forms/"),
        (
            "production-reporting",
            "ERP/Manufacturing/Warehouse management/",
        ),
        (
            "quality-inspection",
            "ERP/Manufacturing/Quality management/Nonconformance log/",
        ),
    ];
    for (id, name) in workflows {
        let start = page
            .find(&format!("<figure class=\"diagram\" id=\"map-{id}\">"))
            .unwrap_or_else(|| panic!("a figure for {id}"));
        let figure = &page[start..start + page[start..].find("</figure>").unwrap()];
        assert!(
            figure.contains(&format!("<text>[{name}]</text>")),
            "{id}: {figure}"
        );
    }
    // One warning a map, in the order of the page's figures.
    let drawn: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.split("Graphviz: drew ").nth(1))
        .collect();
    let figures: Vec<&str> = page
        .split("<figure class=\"diagram\"")
        .skip(1)
        .map(|f| {
            let text = &f[f.find("<text>").unwrap() + 6..];
            &text[..text.find("</text>").unwrap()]
        })
        .collect();
    assert_eq!(figures.len(), 6, "{page}");
    assert_eq!(drawn, figures, "{stderr}");
    assert_eq!(std::fs::read_dir(&started).unwrap().count(), 6);
}

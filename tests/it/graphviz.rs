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

//! The formats written as they are made (JSON, the terminal table, Markdown): to standard
//! output or, with `-o`, into a temporary file renamed into place once complete.

use crate::support::{gapgraph, run, temp_dir};

const MODEL: &str = "fixtures/valid/large-300.yaml";

#[test]
fn a_streamed_file_holds_the_bytes_of_standard_output() {
    let dir = temp_dir();
    for format in ["json", "table", "markdown"] {
        let (stdout, _) = run(&["analyze", MODEL, "--format", format], 0);
        let path = dir.path().join(format!("report.{format}"));
        let path_text = path.to_str().unwrap();
        let (written, err) = run(&["analyze", MODEL, "--format", format, "-o", path_text], 0);
        assert_eq!(written, "", "{format}: {err}");
        // The review document records its command line, which names the file.
        let same = |text: &str| -> Vec<String> {
            text.lines()
                .filter(|l| !l.starts_with("- Command: "))
                .map(str::to_string)
                .collect()
        };
        let file = std::fs::read_to_string(&path).unwrap();
        assert_eq!(same(&file), same(&stdout), "{format}");
        let named = if format == "markdown" {
            " -o ".len() + path_text.len()
        } else {
            0
        };
        assert_eq!(file.len(), stdout.len() + named, "{format}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644, "{format}");
        }
    }
    // Only the reports: no temporary file is left beside them.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
}

#[cfg(target_os = "linux")]
#[test]
fn a_streamed_write_that_fails_says_so_and_exits_2() {
    let output = gapgraph()
        .args(["analyze", MODEL, "--format", "json", "-o", "/dev/full"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(err.contains("/dev/full"), "{err}");
    assert!(err.contains("No space left on device"), "{err}");
}

#[test]
fn graphml_is_written_as_it_is_made_with_the_same_bytes_to_a_file() {
    let dir = temp_dir();
    // 300 systems and 787 edges: the document is written out in several pieces.
    let (stdout, _) = run(&["export", "graphml", MODEL], 0);
    assert!(stdout.len() > 4 * (1 << 16), "{} bytes", stdout.len());
    let path = dir.path().join("estate.graphml");
    let (written, _) = run(
        &["export", "graphml", MODEL, "-o", path.to_str().unwrap()],
        0,
    );
    assert_eq!(written, "");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), stdout);
    assert!(stdout.ends_with("  </graph>\n</graphml>\n"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

//! What the test modules share: the built binary and commands on it, the crate's folders,
//! programs on PATH, the shared data beside the project.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `gapgraph` binary cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_gapgraph");

/// The crate's root: `fixtures/`, `tests/data/` and `docs/` are found from here, and the
/// binary runs here (cargo starts the tests here too).
pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The binary as a command, run from the crate root with the test's environment.
pub fn gapgraph() -> Command {
    let mut cmd = Command::new(BIN);
    cmd.current_dir(ROOT);
    cmd
}

/// [`gapgraph`] with `NO_COLOR=1`: plain text, whatever the caller's settings.
pub fn gapgraph_no_colour() -> Command {
    let mut cmd = gapgraph();
    cmd.env("NO_COLOR", "1");
    cmd
}

/// [`gapgraph`] without `NO_COLOR`: colour is decided as for a user who has not set it,
/// whatever the caller's environment.
pub fn gapgraph_colour_unset() -> Command {
    let mut cmd = gapgraph();
    cmd.env_remove("NO_COLOR");
    cmd
}

/// The first `program` on PATH.
pub fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(program))
            .find(|candidate| candidate.is_file())
    })
}

/// A temporary folder, removed when dropped.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

/// The files of `fixtures/DIR` (relative to the crate root), sorted; at least one.
pub fn fixture_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new("fixtures").join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {dir}");
    files
}

/// `../shared/data/NAME` beside the project (never copied into it); `None`, said on
/// standard error, where it is not there.
pub fn shared_data(name: &str) -> Option<PathBuf> {
    let dir = Path::new(ROOT).join("../shared/data").join(name);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is not there (the shared data)", dir.display());
        None
    }
}

/// Runs gapgraph, checks the exit code, returns standard output and standard error.
pub fn run(args: &[&str], code: i32) -> (String, String) {
    let output = gapgraph().args(args).output().unwrap();
    let (out, err) = (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    );
    assert_eq!(output.status.code(), Some(code), "{args:?}: {err}");
    (out, err)
}

/// Runs gapgraph, expects exit 0, parses standard output as JSON.
pub fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&run(args, 0).0).unwrap()
}

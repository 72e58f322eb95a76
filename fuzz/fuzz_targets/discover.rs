//! `discover` through the library's command runner, as the CLI calls it: the bytes as an
//! XES log and as a CSV log (the first byte picks which, and whether the log is gzipped),
//! measured with a fixed small mapping (on standard input), the JSON report on standard
//! output and the model written to a file. Exit 0 or 2, never a panic; a model written on
//! exit 0 loads; a failure says why.
#![no_main]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use binary::app::{run, Command, Discover, DiscoverFormat, Environment, Streams};
use gapgraph::discover::Columns;
use libfuzzer_sys::fuzz_target;

// The command layer is the binary's (src/app.rs), not the library's: the target compiles
// the same source, as the binary does.
#[path = "../../src"]
mod binary {
    #[allow(dead_code, unused_imports)]
    pub mod app;
}

const MAPPING: &str = "systems:\n  crm: [\"crm:*\"]\n  erp: [\"erp:*\"]\nautomated_resources: [\"bot*\"]\ncoverage: 0.6\ndata: {\"crm->erp\": order}\n";

fn dir() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("a temporary folder"))
        .path()
}

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir().join(name);
    std::fs::write(&path, bytes).expect("the fuzz input is written");
    path
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    out.write_all(bytes).expect("gzip");
    out.finish().expect("gzip")
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, log)) = data.split_first() else {
        return;
    };
    let log = match mode % 4 {
        0 => write("log.xes", log),
        1 => write("log.csv", log),
        2 => write("log.xes.gz", &gzip(log)),
        _ => write("log.csv.gz", &gzip(log)),
    };
    let model = dir().join("model.yaml");
    let _ = std::fs::remove_file(&model);
    let env = Environment {
        stdout_is_terminal: false,
        no_color: true,
        stderr_is_terminal: false,
        source_date_epoch: Some("0".to_string()),
        args: vec!["gapgraph".to_string()],
    };
    let mut stdin: &[u8] = MAPPING.as_bytes();
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let format = match mode >> 6 {
        0 => DiscoverFormat::Json,
        1 => DiscoverFormat::Table,
        _ => DiscoverFormat::Markdown,
    };
    let code = run(
        Command::Discover(Discover {
            log,
            from_pairs: mode & 0x20 != 0,
            mapping: "-".to_string(),
            format,
            output: None,
            model_out: Some(model.clone()),
            merge: None,
            automated_share: 0.9,
            coverage: None,
            columns: Columns::default(),
        }),
        env,
        Streams {
            stdin: &mut stdin,
            stdout: &mut stdout,
            stderr: &mut stderr,
        },
    );
    match code {
        0 => {
            let Ok(text) = std::fs::read_to_string(&model) else {
                return;
            };
            assert!(
                gapgraph::load_str(&text, "model.yaml").is_ok(),
                "the discovered model does not load:\n{text}"
            );
        }
        2 => assert!(!stderr.is_empty(), "exit 2 without a message"),
        other => panic!("exit status {other}"),
    }
});

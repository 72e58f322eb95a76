//! The README's and docs' sample sessions are true: every `$ gapgraph ...` line of a fenced
//! block is run against the built binary and its output (standard output, then standard
//! error, in the order printed) must equal the lines printed under it, up to the next `$ `
//! line or the block's end. A line of just `...` (indented or not) ends the comparison
//! early: the sample shows only the start. A sample that starts with `...` shows one
//! section of the output: from its first line (found in the output) to the next blank line. Commands that write a file (`-o`), or read a file that is not in the
//! repository (a user's own model in docs/ci.md), are not run.
//!
//! `GAPGRAPH_BLESS=1 cargo test --test it doc_examples` rewrites the samples from the binary.

use std::path::Path;

use assert_cmd::Command;

use crate::support;

const DOCS: &[&str] = &[
    "README.md",
    "docs/ci.md",
    "docs/scoring.md",
    "docs/model.md",
];

/// Splits a command line as a POSIX shell would for the cases the docs use: spaces,
/// single and double quotes, and a trailing `# comment`.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    word.push(q);
                }
            }
            '"' => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                    word.push(q);
                }
            }
            '#' if !in_word => break,
            c if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        out.push(word);
    }
    out
}

/// One sample: the line of its command and the lines of output under it.
struct Sample {
    command: usize,
    output: std::ops::Range<usize>,
}

fn samples(lines: &[&str]) -> Vec<Sample> {
    let mut out = Vec::new();
    let mut in_block = false;
    let mut current: Option<Sample> = None;
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("```") {
            if let Some(s) = current.take() {
                out.push(s);
            }
            in_block = !in_block;
            continue;
        }
        if !in_block {
            continue;
        }
        if line.starts_with("$ ") {
            if let Some(s) = current.take() {
                out.push(s);
            }
            current = Some(Sample {
                command: i,
                output: i + 1..i + 1,
            });
        } else if let Some(s) = current.as_mut() {
            s.output.end = i + 1;
        }
    }
    out
}

/// Whether a sample is run: it writes no file and reads only files of the repository.
fn runnable(args: &[String]) -> bool {
    if args.iter().any(|a| a == "-o" || a == "--dir") {
        return false;
    }
    args.iter()
        .filter(|a| {
            let extension = Path::new(a.as_str()).extension();
            extension.is_some_and(|e| {
                ["yaml", "yml", "json", "xes", "gz", "csv"].contains(&e.to_str().unwrap_or(""))
            })
        })
        .all(|a| Path::new(a).exists())
}

/// What a terminal shows: both streams, in the order written.
fn run(args: &[String]) -> String {
    let binary = support::BIN;
    let out = Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" \"$@\" 2>&1")
        .arg(binary)
        .args(args)
        .current_dir(support::ROOT)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The lines of `actual` a sample shows: all of them; the first `shown`; or, for a sample
/// that starts with `...`, the section from its first line to the next blank line.
fn shown_part<'a>(actual: &[&'a str], expected: &[&str]) -> Vec<&'a str> {
    if expected.first().map(|l| l.trim()) == Some("...") {
        let Some(anchor) = expected.get(1) else {
            return Vec::new();
        };
        let Some(start) = actual.iter().position(|l| l == anchor) else {
            return Vec::new();
        };
        let end = actual[start..]
            .iter()
            .position(|l| l.is_empty())
            .map_or(actual.len(), |n| start + n);
        return actual[start..end].to_vec();
    }
    match expected.iter().position(|l| l.trim() == "...") {
        Some(shown) => actual[..shown.min(actual.len())].to_vec(),
        None => actual.to_vec(),
    }
}

#[test]
fn sample_sessions_in_the_docs_are_what_the_binary_prints() {
    let root = support::ROOT;
    let bless = std::env::var_os("GAPGRAPH_BLESS").is_some();
    let mut compared = 0;
    let mut drifted = Vec::new();
    for doc in DOCS {
        let path = Path::new(root).join(doc);
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let mut rewritten: Vec<String> = Vec::new();
        let mut at = 0;
        for sample in samples(&lines) {
            let args = words(&lines[sample.command][2..]);
            if args.first().map(String::as_str) != Some("gapgraph") || !runnable(&args[1..]) {
                continue;
            }
            let actual = run(&args[1..]);
            let expected = &lines[sample.output.clone()];
            let actual_lines: Vec<&str> = actual.lines().collect();
            let part = shown_part(&actual_lines, expected);
            // The sample's own lines, without its `...` markers.
            let documented: Vec<&str> = expected
                .iter()
                .copied()
                .filter(|l| l.trim() != "...")
                .collect();
            compared += 1;
            if part != documented {
                drifted.push(format!(
                    "{doc}:{}: `{}`\n--- documented\n{}\n--- printed\n{}",
                    sample.command + 1,
                    lines[sample.command],
                    expected.join("\n"),
                    actual
                ));
            }
            if bless {
                rewritten.extend(
                    lines[at..sample.output.start]
                        .iter()
                        .map(ToString::to_string),
                );
                let leading = expected.first().is_some_and(|l| l.trim() == "...");
                if leading {
                    rewritten.push(expected[0].to_string());
                }
                rewritten.extend(part.iter().map(ToString::to_string));
                if let Some(k) = expected.iter().skip(1).position(|l| l.trim() == "...") {
                    rewritten.extend(expected[k + 1..].iter().map(ToString::to_string));
                }
                at = sample.output.end;
            }
        }
        if bless && !drifted.is_empty() {
            rewritten.extend(lines[at..].iter().map(ToString::to_string));
            let mut new_text = rewritten.join("\n");
            new_text.push('\n');
            std::fs::write(&path, new_text).unwrap();
        }
    }
    assert!(compared >= 10, "only {compared} samples were compared");
    if !bless {
        assert!(
            drifted.is_empty(),
            "{} sample(s) drifted; run `GAPGRAPH_BLESS=1 cargo test --test it doc_examples` and review:\n\n{}",
            drifted.len(),
            drifted.join("\n\n")
        );
    }
}

#[test]
fn command_lines_split_as_a_shell_does() {
    assert_eq!(
        words("gapgraph explain m.yaml 'mes->qms' --strategy cost-down   # note"),
        [
            "gapgraph",
            "explain",
            "m.yaml",
            "mes->qms",
            "--strategy",
            "cost-down"
        ]
    );
}

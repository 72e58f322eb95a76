//! The whole `analyze`, `plan`, `check` and `validate` pipeline through the library's
//! command runner, with the bytes as standard input: exit 0, 1 or 2, never a panic, and
//! no number in the JSON report that is not finite.
#![no_main]

use gapgraph::analysis::RankBy;
use binary::app::{
    run, Analyze, AnalyzeFormat, Check, Command, Environment, Plan, Streams, Validate,
};
use gapgraph::render::{Format, Limit, PlanFormat};
use libfuzzer_sys::fuzz_target;

// The command layer is the binary's (src/app.rs), not the library's: the target compiles
// the same source, as the binary does.
#[path = "../../src"]
mod binary {
    #[allow(dead_code, unused_imports)]
    pub mod app;
}

fn run_on(data: &[u8], command: Command) -> (u8, Vec<u8>) {
    let env = Environment {
        stdout_is_terminal: false,
        no_color: true,
        stderr_is_terminal: false,
        source_date_epoch: Some("0".to_string()),
        args: vec!["gapgraph".to_string()],
    };
    let mut stdin = data;
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let code = run(
        command,
        env,
        Streams {
            stdin: &mut stdin,
            stdout: &mut stdout,
            stderr: &mut stderr,
        },
    );
    assert!(code <= 2, "exit status {code}");
    (code, stdout)
}

fuzz_target!(|data: &[u8]| {
    let model = "-".to_string();
    for rank_by in [RankBy::Priority, RankBy::Payback] {
        let (code, out) = run_on(
            data,
            Command::Analyze(Analyze {
                model: model.clone(),
                strategy: None,
                rank_by,
                format: AnalyzeFormat::Report(Format::Json { top: None }),
                output: None,
            }),
        );
        if code == 0 {
            let text = String::from_utf8(out).expect("the JSON report is UTF-8");
            // Whole words only: a name may well say "information".
            let not_finite = text
                .split(|c: char| !c.is_alphanumeric())
                .any(|word| matches!(word, "inf" | "NaN"));
            assert!(!not_finite, "a number that is not finite: {text}");
            serde_json_check(&text);
        }
    }
    run_on(
        data,
        Command::Validate(Validate {
            model: model.clone(),
            all_warnings: false,
        }),
    );
    run_on(
        data,
        Command::Plan(Plan {
            model: model.clone(),
            strategy: None,
            budget: 50_000.0,
            format: PlanFormat::Json,
            output: None,
        }),
    );
    run_on(
        data,
        Command::Check(Check {
            model,
            strategy: None,
            limits: vec![Limit::MinAutomation(0.5), Limit::MaxAnnualHours(100.0)],
        }),
    );
});

/// The report parses as JSON (a structural check without a serde_json dependency here:
/// brackets balance outside strings).
fn serde_json_check(text: &str) {
    let mut depth: i64 = 0;
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' => depth += 1,
            '}' | ']' => depth -= 1,
            _ => {}
        }
        assert!(depth >= 0, "unbalanced JSON");
    }
    assert_eq!(depth, 0, "unbalanced JSON");
}

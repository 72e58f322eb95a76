//! Load warnings on standard error, readable at scale: a kind with more than
//! [`GROUP_ABOVE`] warnings is one line with its count and the first few ids ("3,640
//! workflows serve no objective: wf-4, wf-15, wf-22, ... and 3,637 more"); `--warnings all`
//! lists each as [`write_diagnostics`] does. The JSON report keeps every warning.

use std::io::{self, Write};

use indexmap::IndexMap;

use crate::diagnostic::{write_diagnostics, Code, Diagnostic};
use crate::text::terminal;

/// A kind with more warnings than this is written as one line.
pub const GROUP_ABOVE: usize = 5;

/// How many ids a grouped line names.
const IDS_SHOWN: usize = 3;

/// What a grouped line says the warnings of `code` are about, in the plural.
fn plural_phrase(code: Code) -> &'static str {
    match code {
        Code::UnusedSystem => "systems are not touched by any integration or handoff",
        Code::UnweighedObjective => "objectives are not weighed by any strategy",
        Code::UnservedObjective => "objectives are not served by any workflow",
        Code::WorkflowServesNothing => "workflows serve no objective",
        Code::DataTypo => "handoff data objects are carried by nothing but resemble a carried name",
        Code::EndOfSupport => "systems are at end of support and still in workflows",
        _ => "warnings",
    }
}

/// The id a warning is about: its path without the section (`workflows.wf-4` -> `wf-4`).
fn subject(diagnostic: &Diagnostic) -> &str {
    match diagnostic.path.split_once('.') {
        Some((_, rest)) if !rest.is_empty() => rest,
        _ => &diagnostic.path,
    }
}

/// Writes `warnings`: every one when `all`, else kinds with more than `GROUP_ABOVE`
/// grouped into one line each, in the order each kind first appears.
pub fn write_warnings(
    out: &mut dyn Write,
    warnings: &[Diagnostic],
    origin: &str,
    source: &str,
    all: bool,
) -> io::Result<()> {
    if all {
        return write_diagnostics(out, warnings, origin, source);
    }
    let mut kinds: IndexMap<Code, Vec<&Diagnostic>> = IndexMap::new();
    for w in warnings {
        kinds.entry(w.code).or_default().push(w);
    }
    for (code, group) in kinds {
        if group.len() <= GROUP_ABOVE {
            let each: Vec<Diagnostic> = group.into_iter().cloned().collect();
            write_diagnostics(out, &each, origin, source)?;
            continue;
        }
        let ids: Vec<&str> = group.iter().take(IDS_SHOWN).map(|w| subject(w)).collect();
        writeln!(
            out,
            "{origin}: warning[{}]: {} {}: {}, ... and {} more (--warnings all lists each)",
            code.as_str(),
            crate::text::count(group.len()),
            plural_phrase(code),
            terminal(&ids.join(", ")),
            crate::text::count(group.len() - IDS_SHOWN)
        )?;
    }
    Ok(())
}

/// The warnings as one line each for a report's own Warnings section, with kinds of more
/// than [`GROUP_ABOVE`] grouped into one line as on standard error. Without such a kind the
/// lines are exactly [`Diagnostic::summary`] of each, in order.
pub fn report_lines(warnings: &[Diagnostic]) -> Vec<String> {
    let mut kinds: IndexMap<Code, Vec<&Diagnostic>> = IndexMap::new();
    for w in warnings {
        kinds.entry(w.code).or_default().push(w);
    }
    if kinds.values().all(|group| group.len() <= GROUP_ABOVE) {
        return warnings.iter().map(Diagnostic::summary).collect();
    }
    let mut lines = Vec::new();
    for (code, group) in kinds {
        if group.len() <= GROUP_ABOVE {
            lines.extend(group.into_iter().map(Diagnostic::summary));
            continue;
        }
        let ids: Vec<&str> = group.iter().take(IDS_SHOWN).map(|w| subject(w)).collect();
        lines.push(format!(
            "{} {}: {}, ... and {} more (the JSON report and `validate --warnings all` list each)",
            crate::text::count(group.len()),
            plural_phrase(code),
            ids.join(", "),
            crate::text::count(group.len() - IDS_SHOWN)
        ));
    }
    lines
}

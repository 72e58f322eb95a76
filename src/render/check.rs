//! `gapgraph check`: each limit with the figure it was checked against, one line each.

use std::fmt::Write as _;
use std::io::Write;

use super::{hours, Render, RenderError};
use crate::text::TerminalText;

/// A limit `check` can enforce on the summary.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Limit {
    /// Least share of runs automated, 0 to 1.
    MinAutomation(f64),
    /// Least share of runs automated weighted by alignment, 0 to 1.
    MinStrategicAutomation(f64),
    /// Most handoffs with no path.
    MaxMissing(usize),
    /// Most staff hours a year lost to gaps.
    MaxAnnualHours(f64),
}

/// One limit and what the model measures against it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Verdict {
    /// The limit.
    pub limit: Limit,
    /// The measured figure (a share, a count or hours, as the limit says).
    pub actual: f64,
    /// Whether the limit holds.
    pub ok: bool,
}

/// Every limit checked, in the order given.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckReport {
    /// The verdicts.
    pub verdicts: Vec<Verdict>,
}

impl CheckReport {
    /// How many limits broke.
    pub fn broken(&self) -> usize {
        self.verdicts.iter().filter(|v| !v.ok).count()
    }
}

/// The `ok:` / `BROKEN:` lines.
pub struct CheckLines;

impl Render<CheckReport> for CheckLines {
    fn render(&self, report: &CheckReport, out: &mut dyn Write) -> Result<(), RenderError> {
        let mut text = TerminalText::new(false);
        for verdict in &report.verdicts {
            let _ = writeln!(
                text,
                "{} {}",
                if verdict.ok { "ok:    " } else { "BROKEN:" },
                line(verdict)
            );
        }
        out.write_all(text.into_string().as_bytes())?;
        Ok(())
    }
}

fn line(verdict: &Verdict) -> String {
    let pct = |x: f64| format!("{:.1}%", x * 100.0);
    let actual = verdict.actual;
    match verdict.limit {
        Limit::MinAutomation(min) => {
            format!("automation {} (minimum {})", pct(actual), pct(min))
        }
        Limit::MinStrategicAutomation(min) => format!(
            "strategic automation {} (minimum {})",
            pct(actual),
            pct(min)
        ),
        Limit::MaxMissing(max) => format!("{actual} missing handoffs (maximum {max})"),
        Limit::MaxAnnualHours(max) => format!(
            "{} staff hours a year in gaps (maximum {})",
            hours(actual),
            hours(max)
        ),
    }
}

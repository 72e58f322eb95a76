//! `gapgraph check`: each limit with the figure it was checked against, one line each.

use std::fmt::Write as _;
use std::io::Write;

use super::{hours, Render, RenderError};
use crate::analysis::Status;
use crate::text::{terminal, TerminalText};

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

/// A gap that weighs on a broken limit.
#[derive(Clone, Debug, PartialEq)]
pub struct Offender {
    /// Workflow id.
    pub workflow: String,
    /// 1-based step.
    pub step: usize,
    /// Source system id.
    pub from: String,
    /// Target system id.
    pub to: String,
    /// The data object.
    pub data: String,
    /// Manual or missing.
    pub status: Status,
    /// What it weighs on the limit: runs a year (automation), runs × alignment
    /// (strategic automation) or hours a year (missing, hours).
    pub weight: f64,
}

/// One limit and what the model measures against it.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// The limit.
    pub limit: Limit,
    /// The measured figure (a share, a count or hours, as the limit says).
    pub actual: f64,
    /// Whether the limit holds.
    pub ok: bool,
    /// When it breaks, the gaps that weigh most on it, heaviest first (at most 3).
    pub offenders: Vec<Offender>,
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
            for o in &verdict.offenders {
                let _ = writeln!(text, "         {}", offender(verdict.limit, o));
            }
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

fn offender(limit: Limit, o: &Offender) -> String {
    let weight = match limit {
        Limit::MinAutomation(_) => {
            format!("{} runs a year", hours(o.weight).trim_end_matches(".0"))
        }
        Limit::MinStrategicAutomation(_) => format!("{} runs a year x alignment", hours(o.weight)),
        Limit::MaxMissing(_) | Limit::MaxAnnualHours(_) => {
            format!("{} hours a year", hours(o.weight))
        }
    };
    format!(
        "worst: {} step {} ({} -> {}, {}) {}: {weight}",
        o.workflow,
        o.step,
        o.from,
        o.to,
        terminal(&o.data),
        o.status.as_str()
    )
}

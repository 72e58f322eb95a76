//! `gapgraph check`: each limit with the figure it was checked against, one line each.

use std::fmt::Write as _;
use std::io::Write;

use super::{Render, RenderError};
use crate::decide::{CheckReport, Limit, Offender, Verdict};
use crate::text::hours;
use crate::text::{terminal, TerminalText};

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
        Limit::MaxDefaultShare(max) => format!(
            "{} of gap hours rest on default minutes (maximum {})",
            pct(actual),
            pct(max)
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
        Limit::MaxDefaultShare(_) => format!("{} hours a year on defaults", hours(o.weight)),
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

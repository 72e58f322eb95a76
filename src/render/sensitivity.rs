//! `gapgraph sensitivity` as a terminal table and Markdown; its JSON is in
//! `decide_json.rs`.

use std::fmt::Write as _;
use std::io::Write;

use super::plan::markdown_table;
use super::{Render, RenderError};
use crate::analysis::StrategyInForce;
use crate::decide::Sensitivity;
use crate::model::Model;
use crate::text::{markdown, terminal, TerminalText};

/// What the sensitivity formats show.
#[derive(Clone, Copy)]
pub struct SensitivityReport<'a> {
    /// The model analysed: results name its parts by index.
    pub model: &'a Model,
    /// The result.
    pub sensitivity: &'a Sensitivity,
    /// The strategy in force.
    pub strategy: Option<&'a StrategyInForce>,
}

impl SensitivityReport<'_> {
    fn intro(&self) -> String {
        let o = &self.sensitivity.options;
        let under = self.strategy.map_or("without strategies".to_string(), |s| {
            format!("under {}", s.id)
        });
        format!(
            "{} samples {under}, every estimate times a factor in [1/{f}, {f}] (spread {}, seed {}); \
             top {} counted.",
            o.samples,
            o.spread,
            o.seed,
            o.top,
            f = 1.0 + o.spread,
        )
    }

    fn rows(&self) -> Vec<Vec<String>> {
        let k = self.sensitivity.options.top;
        self.sensitivity
            .fixes
            .iter()
            .map(|f| {
                vec![
                    f.rank.to_string(),
                    f.id.text(self.model).into_owned(),
                    f.action.as_str().to_string(),
                    format!("{:.1}%", f.top_share * 100.0),
                    f.median_rank.to_string(),
                    format!("{}-{}", f.rank_p5, f.rank_p95),
                    if f.rank <= k { "yes" } else { "" }.to_string(),
                ]
            })
            .collect()
    }

    fn header(&self) -> [String; 7] {
        let k = self.sensitivity.options.top;
        [
            "Today".into(),
            "Fix".into(),
            "Action".into(),
            format!("In top {k}"),
            "Median rank".into(),
            "Rank p5-p95".into(),
            format!("Top {k} today"),
        ]
    }
}

/// `sensitivity --format table`.
pub struct SensitivityTable;

impl Render<SensitivityReport<'_>> for SensitivityTable {
    fn render(&self, report: &SensitivityReport, out: &mut dyn Write) -> Result<(), RenderError> {
        let mut text = TerminalText::new(false);
        let header = report.header();
        let mut grid = super::table::grid(&header.iter().map(String::as_str).collect::<Vec<_>>());
        for row in report.rows() {
            grid.add_row(row.iter().map(|c| terminal(c)).collect::<Vec<_>>());
        }
        super::table::align_right(&mut grid, &[0, 3, 4, 5]);
        let _ = writeln!(text, "{}", terminal(&report.intro()));
        let _ = writeln!(text, "{grid}");
        let _ = writeln!(text, "{}", report.sensitivity.sentence());
        out.write_all(text.into_string().as_bytes())?;
        Ok(())
    }
}

/// `sensitivity --format markdown`.
pub struct SensitivityMarkdown;

impl Render<SensitivityReport<'_>> for SensitivityMarkdown {
    fn render(&self, report: &SensitivityReport, out: &mut dyn Write) -> Result<(), RenderError> {
        let header = report.header();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        writeln!(out, "## How far the ranking holds\n")?;
        writeln!(out, "{}\n", markdown(&report.intro()))?;
        writeln!(
            out,
            "{}",
            markdown_table(&header, &[0, 3, 4, 5], &report.rows())
        )?;
        writeln!(out, "{}", markdown(&report.sensitivity.sentence()))?;
        Ok(())
    }
}

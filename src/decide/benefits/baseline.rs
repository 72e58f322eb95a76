//! Reading a kept plan (`gapgraph plan --format json`, `gapgraph.plan/v1`) as the baseline
//! of a benefits review. Fields the plan gained for the review (`closes`, `carries`,
//! `owners`, `satisfaction`, ...) are optional, so an older plan still reads; the review
//! says what it cannot show without them. Another schema or a newer version is refused with
//! what was expected, located by line and column.

use serde::Deserialize;

/// The schema read.
pub const EXPECTED_SCHEMA: &str = "gapgraph.plan/v1";

/// A planned step, as the plan wrote it.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct PlannedStep {
    /// 1-based.
    pub step: usize,
    /// The fix id.
    pub id: String,
    /// automate, connect or catalog.
    pub action: String,
    /// Source system id.
    pub from: String,
    /// Target system id.
    pub to: String,
    /// Planned cost.
    pub cost: f64,
    /// Forecast hours a year saved (at its step).
    pub annual_hours_saved: f64,
    /// Forecast saving a year (at its step).
    pub annual_saving: f64,
    /// Summary automation rate forecast after this step.
    #[serde(default)]
    pub automation_rate: Option<f64>,
    /// What the new integration was to carry (newer plans).
    #[serde(default)]
    pub carries: Option<Vec<String>>,
    /// The handoffs it was to make cheaper, with their figures then (newer plans).
    #[serde(default)]
    pub closes: Option<Vec<PlannedHandoff>>,
    /// Who had to agree (newer plans).
    #[serde(default)]
    pub owners: Option<Vec<String>>,
}

/// A handoff a planned step was to make cheaper, with its figures at plan time.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct PlannedHandoff {
    /// Workflow id.
    pub workflow: String,
    /// 1-based step in the workflow.
    pub step: usize,
    /// Source system id.
    pub from: String,
    /// Target system id.
    pub to: String,
    /// The data object.
    pub data: String,
    /// Minutes a run before the fix.
    pub minutes_before: f64,
    /// Minutes a run after it, forecast.
    pub minutes_after: f64,
    /// Hours a year before the fix.
    pub annual_hours_before: f64,
    /// Cost a year before the fix.
    pub annual_cost_before: f64,
    /// Forecast hours a year saved on it.
    pub annual_hours_saved: f64,
    /// Forecast saving a year on it.
    pub annual_saving: f64,
}

/// A fix the budget left undone, as the plan wrote it.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct UndoneFix {
    /// Rank after the plan.
    pub rank: usize,
    /// The fix id.
    pub id: String,
    /// automate, connect or catalog.
    pub action: String,
    /// Source system id.
    pub from: String,
    /// Target system id.
    pub to: String,
    /// Its cost.
    pub cost: f64,
    /// Hours a year it would have saved.
    pub annual_hours_saved: f64,
    /// Saving a year it would have made.
    pub annual_saving: f64,
    /// What it would have carried (newer plans).
    #[serde(default)]
    pub carries: Option<Vec<String>>,
}

/// A system's rating at plan time.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Rating {
    /// System id.
    pub system: String,
    /// Users' rating in [1, 5].
    pub satisfaction: f64,
}

/// A kept plan.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Baseline {
    /// `gapgraph.plan/v1`.
    pub schema: String,
    /// The strategy it was valued under.
    #[serde(default)]
    pub strategy: Option<String>,
    /// Display currency.
    pub currency: String,
    /// The budget.
    pub budget: f64,
    /// Σ cost of the steps.
    pub spent: f64,
    /// Σ forecast saving a year.
    pub annual_saving: f64,
    /// Summary automation rate at plan time.
    #[serde(default)]
    pub automation_rate_before: Option<f64>,
    /// The picks.
    pub steps: Vec<PlannedStep>,
    /// What the budget left undone.
    #[serde(default)]
    pub left_undone: Vec<UndoneFix>,
    /// The model's name (newer plans).
    #[serde(default)]
    pub model: Option<String>,
    /// Summary hours a year of the gaps at plan time (newer plans).
    #[serde(default)]
    pub annual_hours_before: Option<f64>,
    /// Summary cost a year of the gaps at plan time (newer plans).
    #[serde(default)]
    pub annual_cost_before: Option<f64>,
    /// Rated systems at plan time (newer plans).
    #[serde(default)]
    pub satisfaction: Option<Vec<Rating>>,
}

impl Baseline {
    /// The automation rate the plan forecast once every step was built.
    pub fn automation_forecast(&self) -> Option<f64> {
        match self.steps.last() {
            Some(s) => s.automation_rate,
            None => self.automation_rate_before,
        }
    }

    /// What the review cannot show from this plan, as phrases ("which handoffs each step
    /// was to close (`closes`): no realised change"), empty for a plan of this version.
    pub fn lacks(&self) -> Vec<&'static str> {
        let mut lacks = Vec::new();
        if self.steps.iter().any(|s| s.closes.is_none()) {
            lacks.push("which handoffs each step was to close (`closes`): no realised change");
        }
        if self.steps.iter().any(|s| s.carries.is_none()) {
            lacks.push("what each step was to carry (`carries`): built matched by id or ends only");
        }
        if self.satisfaction.is_none() {
            lacks.push("the systems' satisfaction (`satisfaction`): no before and after");
        }
        lacks
    }
}

/// Why a plan cannot be read, with the line and column (1-based) it concerns.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct BaselineError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong and what was expected.
    pub message: String,
}

#[derive(Deserialize)]
struct Head {
    #[serde(default)]
    schema: Option<serde_json::Value>,
}

/// Reads a kept plan from its JSON text.
pub fn read_baseline(text: &str) -> Result<Baseline, BaselineError> {
    let located = |e: serde_json::Error, message: String| BaselineError {
        line: e.line().max(1),
        column: e.column().max(1),
        message,
    };
    let head: Head = serde_json::from_str(text).map_err(|e| {
        let message = if e.is_syntax() || e.is_eof() {
            format!("not valid JSON: {e}")
        } else {
            format!(
                "expected a JSON object, the output of `gapgraph plan --format json` \
                 ({EXPECTED_SCHEMA})"
            )
        };
        located(e, message)
    })?;
    check_schema(text, head.schema)?;
    serde_json::from_str(text).map_err(|e| {
        let message = format!("not a {EXPECTED_SCHEMA} document: {e}");
        located(e, message)
    })
}

/// Refuses a document of another schema, or of a newer version of this one.
fn check_schema(text: &str, schema: Option<serde_json::Value>) -> Result<(), BaselineError> {
    let (line, column) = locate_key(text, "\"schema\"");
    let error = |message: String| BaselineError {
        line,
        column,
        message,
    };
    let found = match schema {
        None => {
            return Err(error(format!(
                "no `schema` field; expected {EXPECTED_SCHEMA}, the output of \
                 `gapgraph plan --format json`"
            )))
        }
        Some(serde_json::Value::String(s)) => s,
        Some(other) => {
            return Err(error(format!(
                "`schema` is {other}, not text; expected \"{EXPECTED_SCHEMA}\""
            )))
        }
    };
    if found == EXPECTED_SCHEMA {
        return Ok(());
    }
    let newer = found
        .strip_prefix("gapgraph.plan/v")
        .and_then(|v| v.parse::<u64>().ok())
        .is_some_and(|v| v > 1);
    let shown: String = found.chars().take(80).collect();
    Err(error(if newer {
        format!(
            "schema `{shown}` is a newer plan than this gapgraph reads; expected \
             {EXPECTED_SCHEMA} (make the plan with this version, or upgrade gapgraph)"
        )
    } else {
        format!(
            "schema `{shown}` is not a plan; expected {EXPECTED_SCHEMA}, the output of \
             `gapgraph plan --format json`"
        )
    }))
}

/// Line and column (1-based, in characters) of the first `key` in `text`, else 1, 1.
fn locate_key(text: &str, key: &str) -> (usize, usize) {
    let Some(at) = text.find(key) else {
        return (1, 1);
    };
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_schema_and_a_newer_version_are_refused_where_they_say_so() {
        let report = "{\n  \"schema\": \"gapgraph.report/v1\"\n}";
        let e = read_baseline(report).unwrap_err();
        assert_eq!((e.line, e.column), (2, 3));
        assert!(e.message.contains("expected gapgraph.plan/v1"), "{e}");
        let newer = "{\"schema\": \"gapgraph.plan/v2\", \"steps\": []}";
        let e = read_baseline(newer).unwrap_err();
        assert!(e.message.contains("newer plan"), "{e}");
        assert!(read_baseline("[1, 2]").is_err());
        assert!(read_baseline("{\"schema\": ").is_err());
    }

    #[test]
    fn an_old_plan_without_the_review_fields_reads() {
        let old = r#"{"schema": "gapgraph.plan/v1", "strategy": null, "currency": "USD",
            "budget": 1.0, "spent": 0.0, "annual_saving": 0.0, "strategic_value": 0.0,
            "steps": []}"#;
        let b = read_baseline(old).unwrap();
        assert_eq!(
            b.lacks(),
            ["the systems' satisfaction (`satisfaction`): no before and after"]
        );
    }
}

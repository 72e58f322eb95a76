//! The model `discover` writes: one system per mapping entry, one integration per measured
//! pair, one workflow per variant taken; every measured figure's evidence in a `note`
//! (docs/discover.md, "The model it writes").

use serde_json::{json, Map, Value};

use super::{Evidence, Mapping, Transition};
use crate::import::draft::{key, quote};

/// Choices for the written model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ModelOptions {
    /// A pair is `automated` when automated / count is at least this.
    pub automated_share: f64,
}

impl Default for ModelOptions {
    fn default() -> Self {
        ModelOptions {
            automated_share: 0.9,
        }
    }
}

impl ModelOptions {
    /// The options' own problem, for a library caller the command line does not guard.
    pub fn check(&self) -> Result<(), ModelError> {
        if (0.0..=1.0).contains(&self.automated_share) {
            Ok(())
        } else {
            Err(ModelError::AutomatedShare(self.automated_share))
        }
    }
}

/// Figures in the model: two decimals are more than an estimate ever had.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

pub(crate) fn number(x: f64) -> String {
    let r = round2(x);
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r}")
    }
}

/// Runs a year as the model holds them: two decimals, except that a rate that rounds to 0
/// (a log spanning centuries, as one mistyped year makes it) keeps three significant
/// digits, since a count of 0 is not a valid model.
pub(crate) fn runs_count(x: f64) -> f64 {
    let r = round2(x);
    if r > 0.0 || x <= 0.0 || !x.is_finite() {
        return r;
    }
    let scale = 10f64.powi(2 - x.log10().floor() as i32);
    (x * scale).round() / scale
}

/// [`runs_count`] written out.
pub(crate) fn runs_number(x: f64) -> String {
    let r = runs_count(x);
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r}")
    }
}

fn automated(t: &Transition, options: ModelOptions) -> bool {
    t.count > 0 && t.automated as f64 / t.count as f64 >= options.automated_share
}

/// The minutes written for a manual pair: the median when measured and above 0 after
/// rounding (the model's `minutes` must be > 0).
pub(crate) fn integration_minutes(t: &Transition) -> Option<f64> {
    minutes(t)
}

fn minutes(t: &Transition) -> Option<f64> {
    t.median_minutes.map(round2).filter(|&m| m > 0.0)
}

fn days(e: &Evidence) -> String {
    format!("{:.2} days", e.span_days())
}

/// The evidence of one integration, in words.
pub fn integration_note(e: &Evidence, t: &Transition, options: ModelOptions) -> String {
    let mode = if automated(t, options) {
        format!(
            "automated: {} of {} by a system account (share >= {})",
            t.automated, t.count, options.automated_share
        )
    } else {
        format!(
            "manual: {} of {} by a system account, {} without a resource",
            t.automated, t.count, t.unknown
        )
    };
    let timing = match (t.median_minutes, minutes(t)) {
        (Some(m), Some(_)) => format!("median {m:.2} min over {} timed", t.timed),
        (Some(_), None) => format!(
            "median under 0.005 min over {} timed (minutes left to the default)",
            t.timed
        ),
        (None, _) => "not timed (minutes left to the default)".to_string(),
    };
    format!(
        "measured from {}: {} handoffs in {} cases over {} ({} a year); {mode}; {timing}",
        e.log,
        t.count,
        e.cases,
        days(e),
        t.runs_per_year
            .map_or_else(|| "-".into(), |r| format!("{r:.1}")),
    )
}

fn runs_note(e: &Evidence, rank: usize, cases: u64) -> String {
    format!(
        "runs measured from {}: variant {rank} of {}, {cases} of {} cases over {}",
        e.log,
        e.variants,
        e.cases,
        days(e)
    )
}

/// Why no model can be written from the evidence.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ModelError {
    /// The log's events all share one timestamp.
    #[error("the log spans no time, so runs a year cannot be measured: no model written")]
    NoTimeSpan,
    /// `automated_share` is not a share from 0 to 1.
    #[error("automated share: expected a share from 0 to 1, found {0}")]
    AutomatedShare(f64),
    /// The JSON could not be written (a number JSON cannot hold).
    #[error("the model could not be written as JSON: {0}")]
    Json(String),
}

/// Whether a model can be written from `e`.
pub fn check(e: &Evidence) -> Result<(), ModelError> {
    if e.span_seconds <= 0.0 && !e.workflows.is_empty() {
        return Err(ModelError::NoTimeSpan);
    }
    Ok(())
}

/// The model as YAML.
pub fn model_yaml(
    e: &Evidence,
    mapping: &Mapping,
    options: ModelOptions,
) -> Result<String, ModelError> {
    check(e)?;
    options.check()?;
    let mut y = String::new();
    y.push_str(&format!(
        "# Discovered by `gapgraph discover` from {}: measured figures carry their evidence\n# in `note` (see docs/discover.md). Add objectives, strategies and costs by hand.\nversion: 1\n",
        e.log.replace('\n', " ")
    ));
    if let Some(unit) = &mapping.unit {
        y.push_str(&format!("units:\n  {}: {{}}\n", key(unit)));
    }
    y.push_str("systems:\n");
    for s in &e.systems {
        match &mapping.unit {
            Some(u) => y.push_str(&format!("  {}: {{unit: {}}}\n", key(s), key(u))),
            None => y.push_str(&format!("  {}: {{}}\n", key(s))),
        }
    }
    if !e.transitions.is_empty() {
        y.push_str("integrations:\n");
    }
    for t in &e.transitions {
        let data = mapping.data_of(&t.from, &t.to);
        let mode = if automated(t, options) {
            "automated"
        } else {
            "manual"
        };
        let mins = if mode == "manual" { minutes(t) } else { None };
        y.push_str(&format!(
            "  - {{from: {}, to: {}, carries: [{}], mode: {mode}{}, note: {}}}\n",
            key(&t.from),
            key(&t.to),
            quote(&data),
            mins.map_or(String::new(), |m| format!(
                ", minutes: {}, source: {{minutes: measured}}",
                number(m)
            )),
            quote(&integration_note(e, t, options))
        ));
    }
    if !e.workflows.is_empty() {
        y.push_str("workflows:\n");
    }
    for (i, w) in e.workflows.iter().enumerate() {
        let rank = i + 1;
        y.push_str(&format!(
            "  variant-{rank}:\n    name: {}\n",
            quote(&format!("Variant {rank} ({} cases)", w.cases))
        ));
        if let Some(u) = &mapping.unit {
            y.push_str(&format!("    unit: {}\n", key(u)));
        }
        y.push_str(&format!(
            "    runs: {{count: {}, per: year}}\n    source: {{runs: measured}}\n    handoffs:\n",
            runs_number(w.runs_per_year.unwrap_or(0.0))
        ));
        let note = runs_note(e, rank, w.cases);
        for (a, b) in &w.handoffs {
            y.push_str(&format!(
                "      - {{from: {}, to: {}, data: {}, note: {}}}\n",
                key(a),
                key(b),
                quote(&mapping.data_of(a, b)),
                quote(&note)
            ));
        }
    }
    Ok(y)
}

/// The model as JSON (the same content as [`model_yaml`]).
pub fn model_json(
    e: &Evidence,
    mapping: &Mapping,
    options: ModelOptions,
) -> Result<String, ModelError> {
    check(e)?;
    options.check()?;
    let mut doc = Map::new();
    doc.insert("version".into(), json!(1));
    if let Some(unit) = &mapping.unit {
        doc.insert("units".into(), json!({ unit.as_str(): {} }));
    }
    let systems: Map<String, Value> = e
        .systems
        .iter()
        .map(|s| {
            let v = mapping
                .unit
                .as_ref()
                .map_or_else(|| json!({}), |u| json!({ "unit": u }));
            (s.clone(), v)
        })
        .collect();
    doc.insert("systems".into(), Value::Object(systems));
    let integrations: Vec<Value> = e
        .transitions
        .iter()
        .map(|t| {
            let mut i = Map::new();
            i.insert("from".into(), json!(t.from));
            i.insert("to".into(), json!(t.to));
            i.insert("carries".into(), json!([mapping.data_of(&t.from, &t.to)]));
            let auto = automated(t, options);
            i.insert(
                "mode".into(),
                json!(if auto { "automated" } else { "manual" }),
            );
            if let Some(m) = minutes(t).filter(|_| !auto) {
                i.insert("minutes".into(), json!(m));
                i.insert("source".into(), json!({"minutes": "measured"}));
            }
            i.insert("note".into(), json!(integration_note(e, t, options)));
            Value::Object(i)
        })
        .collect();
    if !integrations.is_empty() {
        doc.insert("integrations".into(), Value::Array(integrations));
    }
    let mut workflows = Map::new();
    for (i, w) in e.workflows.iter().enumerate() {
        let rank = i + 1;
        let note = runs_note(e, rank, w.cases);
        let mut wf = Map::new();
        wf.insert(
            "name".into(),
            json!(format!("Variant {rank} ({} cases)", w.cases)),
        );
        if let Some(u) = &mapping.unit {
            wf.insert("unit".into(), json!(u));
        }
        wf.insert(
            "runs".into(),
            json!({"count": runs_count(w.runs_per_year.unwrap_or(0.0)), "per": "year"}),
        );
        wf.insert("source".into(), json!({"runs": "measured"}));
        let handoffs: Vec<Value> = w
            .handoffs
            .iter()
            .map(|(a, b)| json!({"from": a, "to": b, "data": mapping.data_of(a, b), "note": note}))
            .collect();
        wf.insert("handoffs".into(), Value::Array(handoffs));
        workflows.insert(format!("variant-{rank}"), Value::Object(wf));
    }
    if !workflows.is_empty() {
        doc.insert("workflows".into(), Value::Object(workflows));
    }
    let mut text = serde_json::to_string_pretty(&Value::Object(doc))
        .map_err(|e| ModelError::Json(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_library_caller_gets_a_share_out_of_range_refused() {
        let bad = ModelOptions {
            automated_share: -2.0,
        };
        assert_eq!(bad.check(), Err(ModelError::AutomatedShare(-2.0)));
        let nan = ModelOptions {
            automated_share: f64::NAN,
        };
        assert!(nan.check().is_err());
        assert_eq!(ModelOptions::default().check(), Ok(()));
    }
}

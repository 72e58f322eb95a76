//! `discover --merge MODEL`: the measured minutes and runs written into an existing YAML
//! model by replacing (or inserting) only those values, so every other byte stays as
//! written; the evidence goes into a comment block at the top (docs/discover.md).

use super::model::integration_minutes;
use super::Evidence;
use crate::model::tree::{self, Node, Syntax, Value};

/// The merged model and what changed.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    /// The new model text.
    pub text: String,
    /// One line per value replaced or inserted.
    pub changes: Vec<String>,
}

/// Byte offsets of the starts of lines.
struct Lines(Vec<usize>);

impl Lines {
    fn new(source: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        Lines(starts)
    }

    /// The byte offset of a 1-based (line, character column).
    fn offset(&self, source: &str, line: usize, column: usize) -> Option<usize> {
        let start = *self.0.get(line.checked_sub(1)?)?;
        let rest = &source[start..];
        let skip: usize = rest
            .chars()
            .take(column.checked_sub(1)?)
            .map(char::len_utf8)
            .sum();
        Some(start + skip)
    }
}

fn get<'a, 's>(node: &'a Node<'s>, key: &str) -> Option<&'a Node<'s>> {
    match &node.value {
        Value::Map(entries) => entries.iter().find(|(k, _)| k.text == key).map(|(_, v)| v),
        _ => None,
    }
}

fn text<'a>(node: &'a Node) -> Option<&'a str> {
    node.value.scalar().map(|(t, _)| t)
}

/// The byte range of a scalar in the source: a plain scalar as read, a quoted one to its
/// closing quote; `None` for anything else (a folded plain scalar, a block scalar).
fn scalar_span(source: &str, lines: &Lines, node: &Node) -> Option<(usize, usize)> {
    let pos = node.pos();
    let start = lines.offset(source, pos.line, pos.column)?;
    let rest = &source[start..];
    match (node.value.scalar(), rest.as_bytes().first()?) {
        (Some((text, true)), _) if rest.starts_with(text) => Some((start, start + text.len())),
        (_, b'\'') => {
            let mut i = 1;
            let bytes = rest.as_bytes();
            while i < bytes.len() {
                if bytes[i] == b'\'' {
                    if bytes.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    return Some((start, start + i + 1));
                }
                i += 1;
            }
            None
        }
        (_, b'"') => {
            let bytes = rest.as_bytes();
            let mut i = 1;
            while i < bytes.len() {
                match bytes[i] {
                    b'\\' => i += 2,
                    b'"' => return Some((start, start + i + 1)),
                    _ => i += 1,
                }
            }
            None
        }
        _ => None,
    }
}

/// Text to insert as the first key of a map: inline in a flow map, on a line of its own
/// (at the same indentation) in a block map.
fn insertion(
    source: &str,
    lines: &Lines,
    map: &Node,
    key: &str,
    value: &str,
) -> Option<(usize, String)> {
    let Value::Map(entries) = &map.value else {
        return None;
    };
    let first = &entries.first()?.0;
    let pos = first.pos();
    let at = lines.offset(source, pos.line, pos.column)?;
    let before = source[..at].trim_end_matches([' ', '\t']);
    if before.ends_with('{') || before.ends_with(',') {
        Some((at, format!("{key}: {value}, ")))
    } else {
        Some((
            at,
            format!("{key}: {value}\n{}", " ".repeat(pos.column - 1)),
        ))
    }
}

/// The edit that marks `figure` of `entry` as measured: `source: {figure: measured}`
/// inserted, or `figure: measured` put into (or over the value in) an existing `source`.
fn mark_measured(
    source: &str,
    lines: &Lines,
    entry: &Node,
    figure: &str,
) -> Option<(usize, usize, String)> {
    match get(entry, "source") {
        None => {
            let value = format!("{{{figure}: measured}}");
            insertion(source, lines, entry, "source", &value).map(|(a, s)| (a, a, s))
        }
        Some(map) => match get(map, figure) {
            Some(old) => scalar_span(source, lines, old).map(|(a, b)| (a, b, "measured".into())),
            None => insertion(source, lines, map, figure, "measured").map(|(a, s)| (a, a, s)),
        },
    }
}

/// Why a merge cannot be made.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MergeError {
    /// The model to merge into does not parse as YAML.
    #[error("the model to merge into is not valid YAML")]
    NotYaml,
}

/// Merges `evidence` into `source` (a YAML model). Integrations whose `from` and `to` are
/// a measured pair and whose declared mode is `manual` or `semi` get the measured median
/// as `minutes`; workflows whose handoffs are, in order, a discovered workflow's get its
/// runs a year.
pub fn merge(source: &str, evidence: &Evidence) -> Result<Merged, MergeError> {
    let (root, errors) = tree::parse(source, Syntax::Yaml);
    let root = match root {
        Some(r) if errors.is_empty() => r,
        _ => return Err(MergeError::NotYaml),
    };
    let mut merging = Merging {
        source,
        lines: Lines::new(source),
        edits: Vec::new(),
        changes: Vec::new(),
    };
    if let Some(Value::Seq(items)) = get(&root, "integrations").map(|n| &n.value) {
        for (i, item) in items.iter().enumerate() {
            merging.integration(i, item, evidence);
        }
    }
    if let Some(Value::Map(workflows)) = get(&root, "workflows").map(|n| &n.value) {
        for (id, workflow) in &**workflows {
            merging.workflow(&id.text, workflow, evidence);
        }
    }
    let Merging {
        mut edits, changes, ..
    } = merging;
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut text = source.to_string();
    for (start, end, replacement) in edits {
        text.replace_range(start..end, &replacement);
    }
    if !changes.is_empty() {
        let mut header = format!(
            "# Measured by `gapgraph discover` from {} ({} cases over {:.2} days; docs/discover.md):\n",
            evidence.log.replace('\n', " "),
            evidence.cases,
            evidence.span_days()
        );
        for change in &changes {
            header.push_str(&format!("#   {change}\n"));
        }
        text.insert_str(0, &header);
    }
    Ok(Merged { text, changes })
}

/// The edits a merge makes to the source text, with a line on each change.
struct Merging<'s> {
    source: &'s str,
    lines: Lines,
    /// (start, end, replacement) byte ranges of the source.
    edits: Vec<(usize, usize, String)>,
    changes: Vec<String>,
}

impl Merging<'_> {
    /// Integration `i` (0-based) gets the measured median as `minutes` when it is a
    /// measured pair declared `manual` or `semi`.
    fn integration(&mut self, i: usize, item: &Node, evidence: &Evidence) {
        let (Some(from), Some(to)) = (
            get(item, "from").and_then(text),
            get(item, "to").and_then(text),
        ) else {
            return;
        };
        let Some(t) = evidence
            .transitions
            .iter()
            .find(|t| t.from == from && t.to == to)
        else {
            return;
        };
        let mode = get(item, "mode").and_then(text).unwrap_or("automated");
        if mode != "manual" && mode != "semi" {
            return;
        }
        let Some(minutes) = integration_minutes(t) else {
            return;
        };
        let value = super::model::number(minutes);
        let edit = match get(item, "minutes") {
            Some(old) => {
                scalar_span(self.source, &self.lines, old).map(|(a, b)| (a, b, value.clone()))
            }
            None => {
                insertion(self.source, &self.lines, item, "minutes", &value).map(|(a, s)| (a, a, s))
            }
        };
        if let Some(edit) = edit {
            self.edits.push(edit);
            self.edits
                .extend(mark_measured(self.source, &self.lines, item, "minutes"));
            self.changes.push(format!(
                "integrations[{}] {from}->{to}: minutes {value} = median of {} timed of {} handoffs",
                i + 1,
                t.timed,
                t.count
            ));
        }
    }

    /// Workflow `id` gets a discovered workflow's runs a year when its handoffs are, in
    /// order, that workflow's.
    fn workflow(&mut self, id: &str, workflow: &Node, evidence: &Evidence) {
        let sequence: Option<Vec<(&str, &str)>> = match get(workflow, "handoffs").map(|n| &n.value)
        {
            Some(Value::Seq(handoffs)) => handoffs
                .iter()
                .map(|h| Some((get(h, "from").and_then(text)?, get(h, "to").and_then(text)?)))
                .collect(),
            _ => None,
        };
        let Some(sequence) = sequence else { return };
        let Some((rank, variant)) = evidence.workflows.iter().enumerate().find(|(_, w)| {
            w.handoffs.len() == sequence.len()
                && w.handoffs
                    .iter()
                    .zip(&sequence)
                    .all(|((a, b), (c, d))| a == c && b == d)
        }) else {
            return;
        };
        let Some(runs) = variant.runs_per_year else {
            return;
        };
        let Some(node) = get(workflow, "runs") else {
            return;
        };
        let (Some(count), Some(per)) = (get(node, "count"), get(node, "per")) else {
            return;
        };
        let (Some(c), Some(p)) = (
            scalar_span(self.source, &self.lines, count),
            scalar_span(self.source, &self.lines, per),
        ) else {
            return;
        };
        let value = super::model::runs_number(runs);
        self.edits.push((c.0, c.1, value.clone()));
        self.edits.push((p.0, p.1, "year".into()));
        self.edits
            .extend(mark_measured(self.source, &self.lines, workflow, "runs"));
        self.changes.push(format!(
            "workflows.{}: runs {value} a year = {} cases (discovered workflow {} of {} variants)",
            id,
            variant.cases,
            rank + 1,
            evidence.variants
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_of(src: &str, key: &str) -> Option<String> {
        let (root, _) = tree::parse(src, Syntax::Yaml);
        let root = root.unwrap();
        let node = get(&root, key).unwrap();
        let lines = Lines::new(src);
        scalar_span(src, &lines, node).map(|(a, b)| src[a..b].to_string())
    }

    #[test]
    fn scalar_spans_in_the_source() {
        assert_eq!(span_of("a: 15   # x\n", "a").as_deref(), Some("15"));
        assert_eq!(span_of("{b: 1, a: 2.5}\n", "a").as_deref(), Some("2.5"));
        assert_eq!(span_of("a: 'we''ek'\n", "a").as_deref(), Some("'we''ek'"));
        assert_eq!(
            span_of("a: \"x\\\"y\" # c\n", "a").as_deref(),
            Some("\"x\\\"y\"")
        );
        assert_eq!(span_of("a: |\n  text\n", "a"), None);
        assert_eq!(span_of("é: 1\na: 7\n", "a").as_deref(), Some("7"));
    }
}

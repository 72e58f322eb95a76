//! The explorer's maps laid out by Graphviz: every map becomes a small `digraph` (nodes
//! `n0`, `n1`, ... of a fixed size, each edge label a fixed-size empty box, so no model text
//! reaches `dot`), the maps are sent in a few batches (one `dot -Tplain` per batch, as many
//! running at once as there are cores, each under a time limit) and their positions are
//! read back from the plain output. A batch that fails, is stopped or answers with
//! something unexpected is laid out by gapgraph's own layout instead.

use std::collections::{HashMap, VecDeque};
use std::io::{ErrorKind, Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::layout::{Curve, Layout, Raw, Spec};

/// How long one batch may take: `GAPGRAPH_DOT_TIMEOUT` seconds, else 60.
fn timeout() -> Duration {
    let secs = std::env::var("GAPGRAPH_DOT_TIMEOUT")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .filter(|s| (1..=3600).contains(s))
        .unwrap_or(60);
    Duration::from_secs(secs)
}

/// The most batches: one `dot` per core, at most four.
fn batches_allowed() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

/// How the maps were laid out.
pub struct Outcome {
    /// One layout per spec; `None` where Graphviz did not lay it out.
    pub layouts: Vec<Option<Layout>>,
    /// Why some maps are not Graphviz's (empty when all are, or `dot` is not installed).
    pub trouble: Vec<String>,
    /// `dot` is not on PATH.
    pub missing: bool,
}

/// Lays out every spec with `dot`, in batches run side by side.
pub fn lay_out(specs: &[Spec]) -> Outcome {
    let mut layouts: Vec<Option<Layout>> = vec![None; specs.len()];
    let mut trouble = Vec::new();
    let mut missing = false;
    let ranges = split(specs, batches_allowed());
    let results: Vec<Result<Vec<Layout>, String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = ranges
            .iter()
            .map(|range| scope.spawn(move || run_batch(&specs[range.clone()])))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("a batch failed".to_string()))
            })
            .collect()
    });
    for (range, result) in ranges.into_iter().zip(results) {
        match result {
            Ok(laid) => {
                for (slot, layout) in layouts[range].iter_mut().zip(laid) {
                    *slot = Some(layout);
                }
            }
            Err(message) if message == NOT_FOUND => missing = true,
            Err(message) => trouble.push(message),
        }
    }
    trouble.dedup();
    Outcome {
        layouts,
        trouble,
        missing,
    }
}

const NOT_FOUND: &str = "dot not found";

/// Splits the specs into at most `n` runs of about equal size (counting nodes and edges).
fn split(specs: &[Spec], n: usize) -> Vec<std::ops::Range<usize>> {
    let size = |s: &Spec| s.nodes + s.edges.len() + 1;
    let total: usize = specs.iter().map(size).sum();
    let share = total.div_ceil(n.max(1)).max(1);
    let mut ranges = Vec::new();
    let (mut start, mut filled) = (0, 0);
    for (k, spec) in specs.iter().enumerate() {
        filled += size(spec);
        if filled >= share {
            ranges.push(start..k + 1);
            (start, filled) = (k + 1, 0);
        }
    }
    if start < specs.len() {
        ranges.push(start..specs.len());
    }
    ranges
}

/// The DOT text of one map.
fn dot_source(spec: &Spec, out: &mut String) {
    use std::fmt::Write as _;
    let inches = |points: f64| points / 72.0;
    let _ = writeln!(
        out,
        "digraph {{\ngraph [rankdir=LR nodesep=0.25 ranksep=0.45 margin=0]\n\
         node [shape=box fixedsize=true width={:.4} height={:.4} label=\"\"]\n\
         edge [label=<<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"0\">\
         <tr><td fixedsize=\"true\" width=\"{:.0}\" height=\"{:.0}\"></td></tr></table>>]",
        inches(spec.node.0),
        inches(spec.node.1),
        spec.label.0,
        spec.label.1
    );
    for v in 0..spec.nodes {
        let _ = writeln!(out, "n{v}");
    }
    for (a, b) in &spec.edges {
        let _ = writeln!(out, "n{a} -> n{b}");
    }
    out.push_str("}\n");
}

/// One `dot -Tplain` over a run of maps.
fn run_batch(specs: &[Spec]) -> Result<Vec<Layout>, String> {
    let mut source = String::new();
    for spec in specs {
        dot_source(spec, &mut source);
    }
    let mut child = Command::new("dot")
        .arg("-Tplain")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| {
            if e.kind() == ErrorKind::NotFound {
                NOT_FOUND.to_string()
            } else {
                format!("dot did not start: {e}")
            }
        })?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let writer = std::thread::spawn(move || stdin.write_all(source.as_bytes()));
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        stdout.read_to_string(&mut text).map(|_| text)
    });
    let (started, limit) = (Instant::now(), timeout());
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > limit => {
                // Our own child, by its handle; its pipes close and the threads end.
                let _ = child.kill();
                let _ = child.wait();
                let _ = (writer.join(), reader.join());
                return Err(format!("dot ran longer than {} s", limit.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(format!("dot: {e}")),
        }
    };
    let _ = writer.join();
    let text = reader
        .join()
        .map_err(|_| "reading dot's output failed".to_string())?
        .map_err(|e| format!("reading dot's output: {e}"))?;
    if !status.success() {
        return Err(format!("dot failed ({status})"));
    }
    parse_plain(&text, specs).ok_or_else(|| "dot's output was not as expected".to_string())
}

/// The layouts in `dot -Tplain` output, one `graph ... stop` block per spec, in order.
fn parse_plain(text: &str, specs: &[Spec]) -> Option<Vec<Layout>> {
    let mut lines = text.lines();
    let mut layouts = Vec::with_capacity(specs.len());
    for spec in specs {
        let mut height = None;
        let mut nodes = vec![None; spec.nodes];
        let mut edges: Vec<Option<Curve>> = vec![None; spec.edges.len()];
        // Edges come back grouped by node, not in input order; edges between the same two
        // nodes keep their order, so each (tail, head) takes the next of its input edges.
        let mut waiting: HashMap<(usize, usize), VecDeque<usize>> = HashMap::new();
        for (k, &(a, b)) in spec.edges.iter().enumerate() {
            waiting.entry((a, b)).or_default().push_back(k);
        }
        loop {
            let words: Vec<&str> = lines.next()?.split_whitespace().collect();
            match words.first().copied() {
                Some("graph") => height = Some(number(words.get(3)?)?),
                Some("node") => {
                    let v = node_index(words.get(1)?)?;
                    let h = height?;
                    let (x, y) = (number(words.get(2)?)?, number(words.get(3)?)?);
                    *nodes.get_mut(v)? = Some((x * 72.0, (h - y) * 72.0));
                }
                Some("edge") => {
                    let key = (node_index(words.get(1)?)?, node_index(words.get(2)?)?);
                    let k = waiting.get_mut(&key)?.pop_front()?;
                    edges[k] = Some(edge_shape(&words, height?)?);
                }
                Some("stop") => break,
                _ => return None,
            }
        }
        let raw = Raw {
            nodes: nodes.into_iter().collect::<Option<_>>()?,
            edges: edges.into_iter().collect::<Option<_>>()?,
        };
        layouts.push(raw.finish(spec));
    }
    Some(layouts)
}

/// `edge tail head n x1 y1 ... xn yn [label xl yl] style colour`, flipped to y down.
fn edge_shape(words: &[&str], height: f64) -> Option<Curve> {
    let n: usize = words.get(3)?.parse().ok()?;
    let flip = |x: &str, y: &str| Some((number(x)? * 72.0, (height - number(y)?) * 72.0));
    let points: Vec<(f64, f64)> = (0..n)
        .map(|i| flip(words.get(4 + 2 * i)?, words.get(5 + 2 * i)?))
        .collect::<Option<_>>()?;
    let rest = &words[4 + 2 * n..];
    let label = if rest.len() >= 5 {
        flip(rest[1], rest[2])?
    } else {
        // No label (a loop on one node): its middle point.
        *points.get(points.len() / 2)?
    };
    Some((points, label))
}

fn node_index(word: &str) -> Option<usize> {
    word.strip_prefix('n')?.parse().ok()
}

fn number(word: &str) -> Option<f64> {
    word.parse::<f64>().ok().filter(|x| x.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_output_is_read_back_in_input_order() {
        let spec = Spec {
            nodes: 2,
            edges: vec![(0, 1), (1, 0), (0, 1)],
            node: (144.0, 36.0),
            label: (72.0, 18.0),
        };
        let plain = "graph 1 5 2\nnode n0 1 1 2 0.5 \"\" solid box black lightgrey\n\
                     node n1 4 1 2 0.5 \"\" solid box black lightgrey\n\
                     edge n0 n1 4 2 1.5 2.5 1.5 3 1.5 3 1.5 \"<TABLE>\" 2.5 1.75 solid black\n\
                     edge n0 n1 4 2 1 2.5 1 3 1 3 1 \"<TABLE>\" 2.5 1.25 solid black\n\
                     edge n1 n0 4 3 0.5 2.5 0.5 2 0.5 2 0.5 \"<TABLE>\" 2.5 0.25 solid black\n\
                     stop\n";
        let layouts = parse_plain(plain, std::slice::from_ref(&spec)).unwrap();
        let l = &layouts[0];
        // The first (0, 1) edge is the first in the output; (1, 0) is the second input edge.
        assert!(l.e[0].l[1] < l.e[2].l[1], "{:?}", l.e);
        assert!(l.e[1].l[1] > l.e[2].l[1]);
        assert!(parse_plain("graph 1 5 2\nstop\n", &[spec]).is_none());
    }

    #[test]
    fn batches_cover_every_map_once() {
        let one = Spec {
            nodes: 3,
            edges: vec![(0, 1)],
            node: (1.0, 1.0),
            label: (1.0, 1.0),
        };
        let specs = vec![one; 7];
        let ranges = split(&specs, 2);
        assert_eq!(ranges.len(), 2);
        assert_eq!(ranges[0].start, 0);
        assert_eq!(ranges[1].end, 7);
        assert_eq!(ranges[0].end, ranges[1].start);
        assert!(split(&[], 2).is_empty());
    }
}

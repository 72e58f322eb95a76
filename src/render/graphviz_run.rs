//! Running Graphviz `dot` so that a valid model always gets a drawing. `dot` sometimes
//! rejects a layout with unit boxes (clusters) that it could draw without them ("trouble
//! in init_rank", a long-standing Graphviz bug): the graph is then drawn again with the
//! clusters turned into plain groups, and a note says so. A failure is summed up in one
//! line instead of `dot`'s full dump (which can run to a thousand lines). A map too large
//! to lay out is not sent, and `dot` runs under a time limit (docs/robustness.md).

use std::io::{ErrorKind, Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::Ordering;

use super::RenderError;

/// Bytes drawn by `dot` and what it warned about.
pub struct Drawn {
    /// The SVG or PNG.
    pub bytes: Vec<u8>,
    /// `dot`'s warnings, one per line, prefixed "Graphviz: ".
    pub warnings: Vec<String>,
}

/// The most statements (nodes, edges, attribute lines) a map sent to `dot` may have: its
/// layout is super-linear, and past this a map takes minutes and cannot be read anyway.
pub const MAX_DOT_STATEMENTS: usize = 4_000;
/// Past this many statements `dot` gets its quick settings ([`QUICK_LAYOUT`]): with curved
/// edges and full crossing passes the shipped 300-system map (1,174 statements) takes
/// 20-35 s on a 2-core machine, with them about 3 s; maps of 100 systems (about 490
/// statements) take a second either way and keep the finer drawing.
pub const QUICK_LAYOUT_STATEMENTS: usize = 500;
/// Graphviz's own knobs for a faster layout: straight edges, at most two network-simplex
/// passes per rank and position step, a third of the crossing-minimisation passes.
const QUICK_LAYOUT: [&str; 3] = ["-Gsplines=line", "-Gnslimit=2", "-Gmclimit=0.3"];
/// A PNG of such a map is also held to 60 inches (5,760 pixels) on its long side: drawn at
/// full size it is a 32,767-pixel bitmap that takes 17 s and 1.2 GB to paint.
const QUICK_PNG_SIZE: &str = "-Gsize=60,60";
/// How a stopped `dot` is reported (and told from a failure worth a second try).
pub const TIMED_OUT: &str = "it ran longer than";
/// How long one `dot` run may take before it is stopped: the shipped 300-system map takes
/// about 3 s with [`QUICK_LAYOUT`] on a 2-core machine, so a bound well above what a map
/// `dot` can finish at all needs.
pub const DOT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);
/// How long all `dot` runs of one process may take together: an HTML report draws a map
/// per workflow section, and each must not get the whole [`DOT_TIMEOUT`] again.
pub const DOT_BUDGET: std::time::Duration = std::time::Duration::from_secs(120);
/// Milliseconds spent in `dot` so far by this process.
static DOT_SPENT_MS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// The time one `dot` run and all of a process's runs may take: [`DOT_TIMEOUT`] and
/// [`DOT_BUDGET`], or `GAPGRAPH_DOT_TIMEOUT` seconds a run (and twice that in all) for a
/// landscape whose maps need longer, or a test that must not wait a minute.
fn dot_limits() -> (std::time::Duration, std::time::Duration) {
    match std::env::var("GAPGRAPH_DOT_TIMEOUT")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .filter(|s| (1..=3600).contains(s))
    {
        Some(secs) => (
            std::time::Duration::from_secs(secs),
            std::time::Duration::from_secs(2 * secs),
        ),
        None => (DOT_TIMEOUT, DOT_BUDGET),
    }
}

/// Runs Graphviz `dot -T<format>` on `source`, keeping its warnings (graphviz-rust's own
/// runner drops them, and "graph is too large ... scaling" is one a user must see). A map
/// over [`MAX_DOT_STATEMENTS`] is not sent ([`RenderError::TooLarge`]: an HTML report
/// says so in place of the map), and `dot` is stopped after [`DOT_TIMEOUT`].
pub fn run_dot(source: &str, format: &str) -> Result<Drawn, RenderError> {
    // An edge label is a node of its own with the edge's second half (`label_K[...]`,
    // `label_K -> n3`): counted with its edge, as `dot` laid a label out before.
    let statements = source
        .lines()
        .filter(|l| !l.trim_start().starts_with("label_"))
        .count();
    let timeout = time_allowed(statements)?;
    let quick = statements > QUICK_LAYOUT_STATEMENTS;
    let mut child = spawn_dot(format, quick)?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let mut stdout = child.stdout.take().expect("stdout is piped");
    // Write and read on separate threads: a large graph fills the pipes both ways.
    let input = source.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    // The reader says when `dot` has closed its output, which it does as it ends: waiting
    // for that instead of polling saves a few milliseconds a map.
    let (closed, output_closed) = std::sync::mpsc::channel::<()>();
    let output = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let read = stdout.read_to_end(&mut bytes).map(|_| bytes);
        let _ = closed.send(());
        read
    });
    let started = std::time::Instant::now();
    let _ = output_closed.recv_timeout(timeout);
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > timeout {
            spend(started);
            // Our own child, by its handle; its pipes close and the threads end.
            let _ = child.kill();
            let _ = child.wait();
            let _ = (writer.join(), errors.join(), output.join());
            return Err(RenderError::Graphviz(format!(
                "{TIMED_OUT} {} s and was stopped; focus the map (--workflow, --unit, \
                 --gaps-only) or write the DOT text (--format dot)",
                timeout.as_secs()
            )));
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    };
    spend(started);
    let bytes = output
        .join()
        .unwrap_or_else(|_| Err(std::io::Error::other("reading dot's output failed")))?;
    let written = writer.join().unwrap_or(Ok(()));
    let errors = errors.join().unwrap_or_default();
    let lines = warning_lines(&errors, statements, quick, format);
    if !status.success() {
        return Err(RenderError::Graphviz(if errors.trim().is_empty() {
            status.to_string()
        } else {
            errors.trim().to_string()
        }));
    }
    written?;
    Ok(Drawn {
        bytes,
        warnings: lines,
    })
}

/// The time `dot` may take on a map of `statements` lines: refused when the map is too
/// large or this run's budget for maps is spent.
fn time_allowed(statements: usize) -> Result<std::time::Duration, RenderError> {
    if statements > MAX_DOT_STATEMENTS {
        return Err(RenderError::TooLarge(format!(
            "the map has {statements} DOT statements, more than the {MAX_DOT_STATEMENTS} \
             Graphviz lays out in reasonable time; focus it (--workflow, --unit, \
             --gaps-only, --level units) or write the DOT text (--format dot)"
        )));
    }
    let spent = std::time::Duration::from_millis(DOT_SPENT_MS.load(Ordering::Relaxed));
    let (per_run, budget) = dot_limits();
    let timeout = per_run.min(budget.saturating_sub(spent));
    if timeout.is_zero() {
        return Err(RenderError::Graphviz(format!(
            "{TIMED_OUT} the {} s this run allows for drawing maps in all",
            budget.as_secs()
        )));
    }
    Ok(timeout)
}

/// `dot -T<format>` started with its three streams piped (quick settings for a large map).
fn spawn_dot(format: &str, quick: bool) -> Result<Child, RenderError> {
    Command::new("dot")
        .arg(format!("-T{format}"))
        .args(if quick { &QUICK_LAYOUT[..] } else { &[] })
        .args((quick && format == "png").then_some(QUICK_PNG_SIZE))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            if e.kind() == ErrorKind::NotFound {
                RenderError::GraphvizMissing
            } else {
                RenderError::Graphviz(e.to_string())
            }
        })
}

/// Graphviz's warnings, each on its own line, and a note when it drew with its quick
/// settings.
fn warning_lines(errors: &str, statements: usize, quick: bool, format: &str) -> Vec<String> {
    let mut lines: Vec<String> = errors
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| format!("Graphviz: {l}"))
        .collect();
    if quick {
        lines.push(format!(
            "note: the map has {statements} DOT statements, so Graphviz drew it with its quick \
             settings (straight edges, fewer passes{}); focus it (--workflow, --unit, \
             --gaps-only, --level units) for a finer drawing",
            if format == "png" {
                ", at most 60 inches wide"
            } else {
                ""
            }
        ));
    }
    lines
}

/// Adds the time since `started` to what this process has spent in `dot`.
fn spend(started: std::time::Instant) {
    let ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    DOT_SPENT_MS.fetch_add(ms, Ordering::Relaxed);
}

/// The longest part of `dot`'s complaint kept in an error message.
const MAX_MESSAGE_CHARS: usize = 300;

/// What retrying without clusters tells the user.
pub const RETRY_NOTE: &str =
    "note: Graphviz could not lay the map out with unit boxes; it is drawn without them";

/// The DOT text `source` drawn by `dot -T<format>` (`svg`, `png`), `dot`'s warnings added
/// to `notes`; drawn again without clusters when `dot` fails with them.
pub fn draw(source: &str, format: &str, notes: &mut Vec<String>) -> Result<Vec<u8>, RenderError> {
    let complaint = match run_dot(source, format) {
        Ok(drawn) => {
            notes.extend(drawn.warnings);
            return Ok(drawn.bytes);
        }
        // A run stopped at the time limit would only be stopped again.
        Err(RenderError::Graphviz(complaint)) if !complaint.starts_with(TIMED_OUT) => complaint,
        Err(other) => return Err(other),
    };
    let flat = flatten_clusters(source);
    if flat == source {
        return Err(RenderError::Graphviz(summary(&complaint)));
    }
    match run_dot(&flat, format) {
        Ok(drawn) => {
            notes.push(RETRY_NOTE.to_string());
            notes.extend(drawn.warnings);
            Ok(drawn.bytes)
        }
        Err(RenderError::Graphviz(_)) => Err(RenderError::Graphviz(summary(&complaint))),
        Err(other) => Err(other),
    }
}

/// One map drawn by `draw_all`: its bytes or why it was not drawn, and its notes in order
/// (those that came with its DOT text, then `dot`'s).
pub struct Drawing {
    /// What `draw` gave.
    pub result: Result<Vec<u8>, RenderError>,
    /// The map's notes.
    pub notes: Vec<String>,
}

/// A map to draw: its DOT text, or why it cannot be drawn, with the notes it has so far.
pub type MapSource = (Result<String, RenderError>, Vec<String>);

/// The maps `draw_all` draws, in the order of their sources: each waits until its map
/// is drawn.
pub struct Drawings {
    drawn: std::sync::mpsc::Receiver<(usize, Drawing)>,
    /// Per map: its drawing once it came, until it is taken.
    pending: Vec<Option<Drawing>>,
    next: usize,
}

impl Drawings {
    /// Waits until the next map is drawn (or the drawing stopped) and gives it, untaken.
    fn peek(&mut self) -> Option<&Drawing> {
        let i = self.next;
        while self.pending.get(i)?.is_none() {
            match self.drawn.recv() {
                Ok((k, drawing)) => self.pending[k] = Some(drawing),
                Err(_) => break,
            }
        }
        self.pending[i].as_ref()
    }

    /// Whether the next map failed because `dot` is not installed (waiting for it): a page
    /// then leaves out what only explains drawn maps.
    pub fn next_lacks_graphviz(&mut self) -> bool {
        matches!(
            self.peek().map(|d| &d.result),
            Some(Err(RenderError::GraphvizMissing))
        )
    }
}

impl Iterator for Drawings {
    type Item = Drawing;

    fn next(&mut self) -> Option<Drawing> {
        let i = self.next;
        if i >= self.pending.len() {
            return None;
        }
        self.peek();
        self.next += 1;
        Some(self.pending[i].take().unwrap_or_else(|| Drawing {
            result: Err(RenderError::Graphviz(
                "the drawing stopped without a result".to_string(),
            )),
            notes: Vec::new(),
        }))
    }
}

/// Draws maps side by side, with as many `dot` runs at a time as the machine has cores
/// (an HTML review draws one per workflow section, each mostly `dot` starting up), while
/// `write` runs on the calling thread and takes the drawings in the order of `sources`,
/// each as soon as it is done. `sources` is read on the calling thread, each map handed
/// to `dot` as soon as its text is there. Each drawing is exactly what [`draw`] gives on
/// its own; the time limits stay those of [`run_dot`] (each run's, and the process's
/// budget, which adds up every run's time, so runs side by side spend it as fast as they
/// run). Once `write` returns, no further map is started.
pub fn draw_all<R>(
    sources: impl IntoIterator<Item = MapSource>,
    format: &str,
    write: impl FnOnce(&mut Drawings) -> R,
) -> R {
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let (jobs, queue) = std::sync::mpsc::channel::<(usize, String, Vec<String>)>();
    let queue = std::sync::Mutex::new(queue);
    let (done, drawn) = std::sync::mpsc::channel::<(usize, Drawing)>();
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (queue, done, stop) = (&queue, done.clone(), &stop);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    // The lock is held only to take the next map, never while drawing.
                    let next = queue.lock().map(|queue| queue.recv());
                    let Ok(Ok((i, source, mut notes))) = next else {
                        break;
                    };
                    let result = draw(&source, format, &mut notes);
                    if done.send((i, Drawing { result, notes })).is_err() {
                        break;
                    }
                }
            });
        }
        let mut pending = Vec::new();
        for (i, (source, notes)) in sources.into_iter().enumerate() {
            match source {
                Ok(text) => {
                    pending.push(None);
                    let _ = jobs.send((i, text, notes));
                }
                Err(e) => pending.push(Some(Drawing {
                    result: Err(e),
                    notes,
                })),
            }
        }
        drop((jobs, done));
        let mut drawings = Drawings {
            drawn,
            pending,
            next: 0,
        };
        let written = write(&mut drawings);
        stop.store(true, Ordering::Relaxed);
        written
    })
}

/// The first line of `dot`'s complaint that says something, shortened.
fn summary(complaint: &str) -> String {
    let line = complaint
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("it stopped without saying why");
    crate::text::ellipsis(line, MAX_MESSAGE_CHARS).into_owned()
}

/// The same DOT text with every cluster turned into a plain subgraph (same nodes, edges
/// and attribute scopes, no box), so `dot` ranks it as if the clusters were not there;
/// the unit boxes' titles (`title_unit_K`) go with the boxes, and the legend no longer
/// says the systems are grouped. Only statement lines change: model text is always
/// quoted, with line breaks escaped, so no line of it can start with `subgraph`,
/// `title_unit_` or `legend[`.
fn flatten_clusters(source: &str) -> String {
    source
        .split_inclusive('\n')
        .filter(|line| !line.trim_start().starts_with("title_unit_"))
        .map(|line| {
            let body = line.trim_start();
            let indent = &line[..line.len() - body.len()];
            if let Some(rest) = body.strip_prefix("subgraph cluster") {
                format!("{indent}subgraph flat_cluster{rest}")
            } else if body.starts_with("legend[") {
                line.replace(
                    GROUPED,
                    "not boxed by unit: Graphviz could not lay the boxes out",
                )
            } else {
                line.to_string()
            }
        })
        .collect()
}

/// What the legend of a map with unit boxes says of its systems (`dot::build`).
pub const GROUPED: &str = "grouped by business unit";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_become_plain_groups_with_the_same_content() {
        let source = "digraph {\n  subgraph cluster_unit_0 {\n    label=\"subgraph cluster_x\"\n    \
                      title_unit_0[label=\"Sales\"]\n    n0\n  }\n  n1[label=\"grouped by business unit\"]\n  \
                      legend[label=<system: grouped by business unit>]\n}\n";
        let flat = flatten_clusters(source);
        assert!(
            flat.contains("  subgraph flat_cluster_unit_0 {\n"),
            "{flat}"
        );
        assert!(flat.contains("label=\"subgraph cluster_x\""), "{flat}");
        // The box's title goes with the box; the legend stops saying the systems are
        // grouped; a model's text that says so stays.
        assert!(!flat.contains("title_unit_0"), "{flat}");
        assert!(
            flat.contains("n1[label=\"grouped by business unit\"]"),
            "{flat}"
        );
        assert!(
            flat.contains("legend[label=<system: not boxed by unit: Graphviz"),
            "{flat}"
        );
        assert_eq!(flat.lines().count(), source.lines().count() - 1);
        assert_eq!(flatten_clusters("digraph { n0 }"), "digraph { n0 }");
    }

    #[test]
    fn a_complaint_is_one_short_line() {
        let dump = format!("\n  trouble in init_rank\n{}", "\tn3 0/1\n".repeat(1000));
        assert_eq!(summary(&dump), "trouble in init_rank");
        assert_eq!(
            summary(&"x".repeat(1000)).chars().count(),
            MAX_MESSAGE_CHARS
        );
    }
}

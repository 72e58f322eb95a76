//! The streaming XES reader: one trace at a time, only the standard attributes of each
//! event read (`concept:name`, `time:timestamp`, `org:resource`, `lifecycle:transition`).
//! Log-level attributes, globals, classifiers and nested attributes are skipped (a
//! global's value is no default for events: docs/discover.md).

use std::borrow::Cow;
use std::io::BufRead;
use std::ops::ControlFlow;

use quick_xml::events::{BytesStart, Event as Xml};
use quick_xml::{Reader, XmlVersion};

use super::input::{self, Budget};
use super::measure::{Event, Lifecycle};
use super::problem::Problems;
use super::time;
use super::Collector;

/// The event being read.
#[derive(Default)]
struct Pending {
    activity: Option<u32>,
    resource: Option<u32>,
    lifecycle: Option<Lifecycle>,
    time: Option<i64>,
    line: u64,
}

/// Reads every trace of `reader` into `sink`; problems go to `problems`. `path` is read
/// again only when there are problems, to turn their byte offsets into lines.
pub fn read(
    path: &std::path::Path,
    reader: Box<dyn BufRead>,
    budget: &Budget,
    sink: &mut Collector,
    problems: &mut Problems,
) {
    // Problems are first placed by byte offset (counting lines as the text streams by cost
    // a tenth of the run); `lines_of` turns the few reported into lines at the end.
    let mut found = Problems::new(&problems.origin);
    read_offsets(reader, budget, sink, &mut found);
    input::lines_of(path, &mut found);
    *problems = found;
}

fn read_offsets(
    reader: Box<dyn BufRead>,
    budget: &Budget,
    sink: &mut Collector,
    problems: &mut Problems,
) {
    let mut xml = Reader::from_reader(reader);
    xml.config_mut().trim_text(true);
    let mut buf = Vec::with_capacity(1024);
    let mut state = Nesting::default();
    loop {
        let read = xml.read_event_into(&mut buf);
        budget.next_record();
        let (start, empty) = match read {
            Ok(Xml::Start(e)) => (Some(e), false),
            Ok(Xml::Empty(e)) => (Some(e), true),
            Ok(Xml::End(_)) => {
                state.end(sink, problems);
                buf.clear();
                continue;
            }
            Ok(Xml::Eof) => break,
            Ok(_) => {
                buf.clear();
                continue;
            }
            Err(e) => {
                let line = xml.buffer_position();
                let message = match budget.refused() {
                    Some(refusal) => super::refusal_message(refusal),
                    None => format!("not well-formed XML: {e}"),
                };
                problems.at_line(line, None, message);
                return;
            }
        };
        let Some(e) = start else { continue };
        // The line the tag ends on: what the reader has consumed so far.
        let line = xml.buffer_position();
        let tag = Tag { e: &e, empty, line };
        if state.start(&tag, sink, problems).is_break() {
            return;
        }
        if !empty {
            state.depth += 1;
        }
        buf.clear();
    }
    if state.trace_depth.is_some() || state.depth > 0 {
        problems.at_line(
            xml.buffer_position(),
            None,
            "the log ends inside an element: the file is cut short",
        );
    }
}

/// A start (or empty) tag as read: the element, whether it closes itself, and its line.
struct Tag<'a, 'e> {
    e: &'a BytesStart<'e>,
    empty: bool,
    line: u64,
}

/// Where the reader is in the log: the element depth, the trace and event being read.
#[derive(Default)]
struct Nesting {
    depth: usize,
    trace_depth: Option<usize>,
    event_depth: Option<usize>,
    case_id: Option<String>,
    trace_line: u64,
    events: Vec<Event>,
    event_elements: u64,
    pending: Pending,
    saw_root: bool,
}

impl Nesting {
    /// An end tag: closes the event or the trace it ends.
    fn end(&mut self, sink: &mut Collector, problems: &mut Problems) {
        self.depth = self.depth.saturating_sub(1);
        if self.event_depth == Some(self.depth) {
            self.event_depth = None;
            finish_event(&mut self.pending, &mut self.events, problems);
        } else if self.trace_depth == Some(self.depth) {
            self.trace_depth = None;
            finish_trace(
                &mut self.case_id,
                &mut self.events,
                self.event_elements,
                self.trace_line,
                sink,
                problems,
            );
        }
    }

    /// A start tag: the root, an event's attribute, a trace, an event or a trace's
    /// attribute. Breaks when the file is not an XES log.
    fn start(
        &mut self,
        tag: &Tag,
        sink: &mut Collector,
        problems: &mut Problems,
    ) -> ControlFlow<()> {
        let Tag { e, empty, line } = *tag;
        let name = e.local_name();
        let name = name.as_ref();
        if !self.saw_root {
            self.saw_root = true;
            if name != "log" {
                problems.at_line(
                    line,
                    None,
                    format!("not an XES log: the first element is `<{name}>`, an XES log starts with `<log>`"),
                );
                return ControlFlow::Break(());
            }
        } else if self.event_depth.is_some() {
            if self.event_depth.map(|d| d + 1) == Some(self.depth) {
                event_attribute(e, &mut self.pending, sink, problems);
            }
        } else if name == "trace" && self.trace_depth.is_none() {
            self.start_trace(empty, line, sink, problems);
        } else if name == "event" {
            self.start_event(empty, line, problems);
        } else if self.trace_depth.map(|d| d + 1) == Some(self.depth) {
            if let Some((_, value)) = key_value(e, &["concept:name"], problems, line) {
                self.case_id = Some(value.into_owned());
            }
        }
        ControlFlow::Continue(())
    }

    fn start_trace(
        &mut self,
        empty: bool,
        line: u64,
        sink: &mut Collector,
        problems: &mut Problems,
    ) {
        self.trace_depth = Some(self.depth);
        self.trace_line = line;
        self.event_elements = 0;
        self.events.clear();
        self.case_id = None;
        if empty {
            self.trace_depth = None;
            finish_trace(&mut self.case_id, &mut self.events, 0, line, sink, problems);
        }
    }

    fn start_event(&mut self, empty: bool, line: u64, problems: &mut Problems) {
        if self.trace_depth.is_none() {
            problems.at_line(
                line,
                None,
                "an event outside any trace: XES events belong to a trace (the case)",
            );
            return;
        }
        self.event_elements += 1;
        self.pending = Pending {
            line,
            ..Pending::default()
        };
        self.event_depth = Some(self.depth);
        if empty {
            self.event_depth = None;
            finish_event(&mut self.pending, &mut self.events, problems);
        }
    }
}

/// The `key` and `value` of an attribute element, when its key is one of `wanted`; the
/// value is borrowed unless it holds entities.
fn key_value<'a>(
    e: &'a BytesStart,
    wanted: &[&str],
    problems: &mut Problems,
    line: u64,
) -> Option<(usize, Cow<'a, str>)> {
    let mut key = None;
    let mut value = None;
    for attribute in e.attributes().with_checks(false) {
        let attribute = match attribute {
            Ok(a) => a,
            Err(err) => {
                problems.at_line(line, None, format!("not well-formed XML: {err}"));
                return None;
            }
        };
        match attribute.key.as_ref() {
            "key" => key = Some(wanted.iter().position(|w| *w == attribute.value.as_ref())?),
            "value" => value = Some(attribute),
            _ => {}
        }
    }
    let key = key?;
    let value = match value.map(|v| v.normalized_value(XmlVersion::Implicit1_0)) {
        Some(Ok(v)) => v,
        Some(Err(err)) => {
            problems.at_line(line, None, format!("not well-formed XML: {err}"));
            return None;
        }
        None => Cow::Borrowed(""),
    };
    Some((key, value))
}

const EVENT_KEYS: [&str; 4] = [
    "concept:name",
    "org:resource",
    "lifecycle:transition",
    "time:timestamp",
];

fn event_attribute(
    e: &BytesStart,
    pending: &mut Pending,
    sink: &mut Collector,
    problems: &mut Problems,
) {
    let line = pending.line;
    let Some((key, value)) = key_value(e, &EVENT_KEYS, problems, line) else {
        return;
    };
    match key {
        0 => pending.activity = Some(sink.activity(&value)),
        1 => pending.resource = (!value.is_empty()).then(|| sink.resource(&value)),
        2 => pending.lifecycle = Some(Lifecycle::of(Some(&value))),
        _ => match time::parse(&value) {
            Some(t) => pending.time = Some(t),
            None => problems.at_line(
                line,
                Some("time:timestamp"),
                format!("cannot read `{}` as a timestamp (ISO 8601, e.g. 2011-10-01T00:38:44.546+02:00)", super::shorten(&value)),
            ),
        },
    }
}

fn finish_event(pending: &mut Pending, events: &mut Vec<Event>, problems: &mut Problems) {
    let p = std::mem::take(pending);
    if p.activity.is_none() {
        problems.at_line(
            p.line,
            Some("concept:name"),
            "the event has no activity (`concept:name`)",
        );
    }
    if p.time.is_none() {
        problems.at_line(
            p.line,
            Some("time:timestamp"),
            "the event has no readable timestamp (`time:timestamp`)",
        );
    }
    if let (Some(activity), Some(time)) = (p.activity, p.time) {
        events.push(Event {
            activity,
            resource: p.resource,
            lifecycle: p.lifecycle.unwrap_or(Lifecycle::Complete),
            time,
        });
    }
}

fn finish_trace(
    case_id: &mut Option<String>,
    events: &mut Vec<Event>,
    elements: u64,
    line: u64,
    sink: &mut Collector,
    problems: &mut Problems,
) {
    let id = case_id.take();
    if id.is_none() {
        problems.at_line(
            line,
            Some("concept:name"),
            "the trace has no case id (`concept:name`)",
        );
    }
    if elements == 0 {
        problems.at_line(
            line,
            None,
            format!(
                "the case `{}` has no events",
                super::shorten(id.as_deref().unwrap_or("?"))
            ),
        );
    }
    if problems.is_empty() {
        sink.case(events);
    }
    events.clear();
}

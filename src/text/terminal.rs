//! Text bound for a terminal: hazardous characters (controls, bidi overrides, invisible
//! ones) shown as escapes, and [`TerminalText`], the one way terminal output is built.

use std::fmt;
use std::io;

/// Whether `c` must not reach a terminal or a CSV cell raw: C0 and C1 controls (escape
/// sequences, bells, carriage returns), bidirectional overrides and isolates (text that
/// reads differently than it is stored), and invisible characters with no use in a name.
/// Zero-width joiners stay: scripts and emoji need them. The line and paragraph
/// separators (U+2028, U+2029) count too: they break a table row or a CSV line in many
/// viewers without being a line break to the program that wrote it; so do the
/// noncharacters U+FFFE and U+FFFF, which no text should hold.
pub fn is_hazard(c: char) -> bool {
    c.is_control()
        || is_bidi(c)
        || matches!(
            c,
            '\u{200B}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{2060}'
                | '\u{FEFF}'
                | '\u{FFFE}'
                | '\u{FFFF}'
        )
}

/// Whether `c` is a bidirectional mark, embedding, override or isolate: text that makes
/// what is shown read differently from what is stored.
pub fn is_bidi(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// `s` for a document a person reads (Markdown, HTML, DOT, Mermaid): bidi controls shown
/// as `\u{..}` text, so they cannot reorder what is read, and the noncharacters U+FFFE and
/// U+FFFF (which XML cannot hold) replaced by U+FFFD. Each format's escaper then escapes
/// the result as any text.
pub fn neutralise(s: &str) -> std::borrow::Cow<'_, str> {
    if !s
        .chars()
        .any(|c| is_bidi(c) || matches!(c, '\u{FFFE}' | '\u{FFFF}'))
    {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c if is_bidi(c) => out.push_str(&c.escape_unicode().to_string()),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Text for a terminal: hazards (escape sequences, newlines, tabs, bidi overrides) shown
/// as `\u{..}` so a hostile name cannot move the cursor, recolour the screen or reorder
/// what is read.
pub fn terminal(s: &str) -> String {
    escape_hazards(s, |_| false)
}

/// `s` with every hazard except those `keep` accepts shown as `\u{..}`.
pub(super) fn escape_hazards(s: &str, keep: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_hazard(c) && !keep(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

/// Terminal output under construction. Everything written through [`fmt::Write`] (our
/// own words, numbers, model text, whole tables) has its hazards escaped, line breaks
/// aside; only [`TerminalText::paint`] adds escape sequences, for the colours we choose.
/// Model text inside a line should still go through [`terminal`] first so a line break
/// in a name does not break the layout; this type guarantees the safety either way.
///
/// Made with [`TerminalText::streaming`], it passes its text on to a writer every
/// [`STREAM_CHUNK`] bytes instead of holding all of it; a write that fails ends the output
/// (every later write fails) and [`TerminalText::finish`] returns its error.
#[derive(Default)]
pub struct TerminalText<'w> {
    text: String,
    colour: bool,
    sink: Option<&'w mut dyn io::Write>,
    failed: Option<io::Error>,
}

/// How much text a streaming [`TerminalText`] gathers before writing it.
pub const STREAM_CHUNK: usize = 1 << 16;

impl fmt::Debug for TerminalText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TerminalText")
            .field("text", &self.text)
            .field("colour", &self.colour)
            .field("streaming", &self.sink.is_some())
            .finish_non_exhaustive()
    }
}

impl TerminalText<'static> {
    /// Empty output; `colour` says whether [`TerminalText::paint`] may style.
    pub fn new(colour: bool) -> TerminalText<'static> {
        TerminalText {
            text: String::new(),
            colour,
            sink: None,
            failed: None,
        }
    }
}

impl<'w> TerminalText<'w> {
    /// Output written to `sink` as it is made.
    pub fn streaming(colour: bool, sink: &'w mut dyn io::Write) -> TerminalText<'w> {
        TerminalText {
            text: String::with_capacity(STREAM_CHUNK * 2),
            colour,
            sink: Some(sink),
            failed: None,
        }
    }

    /// Writes `text` in `style` (plain when colour is off).
    pub fn paint(&mut self, style: anstyle::Style, text: &str) {
        if self.colour {
            self.text.push_str(&style.render().to_string());
        }
        self.push(text);
        if self.colour {
            self.text.push_str(&style.render_reset().to_string());
        }
    }

    fn push(&mut self, s: &str) {
        // Nearly all text has no hazard: it goes in as it is, without a copy.
        if s.chars().any(|c| is_hazard(c) && c != '\n') {
            self.text.push_str(&escape_hazards(s, |c| c == '\n'));
        } else {
            self.text.push_str(s);
        }
        if self.text.len() >= STREAM_CHUNK {
            self.pass_on();
        }
    }

    /// Writes what is gathered to the sink, if there is one.
    fn pass_on(&mut self) {
        let Some(sink) = self.sink.as_mut() else {
            return;
        };
        if self.failed.is_none() {
            if let Err(e) = sink.write_all(self.text.as_bytes()) {
                self.failed = Some(e);
            }
        }
        self.text.clear();
    }

    /// The finished output (what a streaming one has not passed on yet).
    pub fn into_string(self) -> String {
        self.text
    }

    /// Passes on the rest of a streaming output; the error of a write that failed.
    pub fn finish(mut self) -> io::Result<()> {
        self.pass_on();
        self.failed.map_or(Ok(()), Err)
    }
}

impl fmt::Write for TerminalText<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if self.failed.is_some() {
            return Err(fmt::Error);
        }
        self.push(s);
        Ok(())
    }
}

#[cfg(test)]
mod terminal_tests {
    use std::fmt::Write;

    use super::{terminal, TerminalText};

    #[test]
    fn terminal_text_shows_control_characters() {
        assert_eq!(terminal("a\x1b[31mb\nc"), "a\\u{1b}[31mb\\u{a}c");
        assert_eq!(
            terminal("a\u{202E}b\u{200B}c\u{200D}"),
            "a\\u{202e}b\\u{200b}c\u{200D}"
        );
    }

    #[test]
    fn terminal_output_escapes_everything_but_line_breaks_and_our_colours() {
        let bold = anstyle::Style::new().bold();
        let mut out = TerminalText::new(true);
        out.paint(bold, "A\x07");
        let hostile = "\x1b]0;pwned\x07\r";
        writeln!(out, " {hostile}").unwrap();
        assert_eq!(
            out.into_string(),
            format!(
                "{}A\\u{{7}}{} \\u{{1b}}]0;pwned\\u{{7}}\\u{{d}}\n",
                bold.render(),
                bold.render_reset()
            )
        );
        let mut plain = TerminalText::new(false);
        plain.paint(bold, "A");
        assert_eq!(plain.into_string(), "A");
    }
}

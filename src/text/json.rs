//! JSON as gapgraph writes it: serde_json's output with the characters it leaves raw but
//! no reader should see raw written as `\u` escapes.

use super::is_bidi;

/// Whether JSON (and YAML's double-quoted strings) should carry `c` as a `\u` escape
/// rather than raw: DEL, C1 controls (U+009B is a terminal's CSI), bidi controls, the line
/// and paragraph separators (which end a line in JavaScript) and the noncharacters U+FFFE,
/// U+FFFF. serde_json already escapes C0 controls; these it writes raw.
pub fn json_escapes(c: char) -> bool {
    matches!(
        c,
        '\u{7F}'..='\u{9F}' | '\u{2028}' | '\u{2029}' | '\u{FFFE}' | '\u{FFFF}'
    ) || is_bidi(c)
}

/// serde_json's formatter (pretty or compact) that also writes the characters
/// [`json_escapes`] names as `\uXXXX`. The text read back is the same; only the bytes
/// differ, so no hazard reaches a terminal that shows the file.
pub struct JsonFormatter<F>(pub F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for JsonFormatter<F> {
    #[inline]
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        // Every character to escape is DEL or beyond ASCII: plain ASCII (ids, numbers as
        // text, most names) goes out as it is, without decoding characters.
        if fragment.bytes().all(|b| b < 0x7F) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if json_escapes(c) {
                writer.write_all(&fragment.as_bytes()[start..at])?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
    #[inline]
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    #[inline]
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    #[inline]
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    #[inline]
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    #[inline]
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    #[inline]
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    #[inline]
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    #[inline]
    fn end_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_key(w)
    }
    #[inline]
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    #[inline]
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// serde_json's pretty layout (two spaces a level) for a value that sits `depth` levels
/// down in a larger document: the bytes are those PrettyFormatter writes for it in place,
/// so parts of one document can be written apart (on other threads) and joined.
pub struct PrettyAt {
    depth: usize,
    has_value: bool,
}

impl PrettyAt {
    /// The layout of a value `depth` levels down.
    pub fn new(depth: usize) -> Self {
        PrettyAt {
            depth,
            has_value: false,
        }
    }
}

/// The indentation of `depth` levels, written at once rather than level by level.
pub fn write_indent<W: ?Sized + std::io::Write>(w: &mut W, depth: usize) -> std::io::Result<()> {
    const SPACES: &[u8; 64] = &[b' '; 64];
    let mut left = depth * 2;
    while left > 0 {
        let n = left.min(SPACES.len());
        w.write_all(&SPACES[..n])?;
        left -= n;
    }
    Ok(())
}

impl serde_json::ser::Formatter for PrettyAt {
    #[inline]
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }
    #[inline]
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }
    #[inline]
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        write_indent(w, self.depth)
    }
    #[inline]
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    #[inline]
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }
    #[inline]
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }
    #[inline]
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.begin_array_value(w, first)
    }
    #[inline]
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
    #[inline]
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.end_array_value(w)
    }
}

impl PrettyAt {
    /// The start of an array or object, one level deeper and empty so far.
    fn open<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    /// The end of an array or object: on a line of its own when it holds anything.
    fn close<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            write_indent(w, self.depth)?;
        }
        w.write_all(bracket)
    }
}

/// `value` as pretty JSON with [`JsonFormatter`]'s escapes, laid out as if `depth` levels
/// down in a larger document (its first line is not indented: the caller places it).
pub fn write_json_pretty_at<W: std::io::Write, T: ?Sized + serde::Serialize>(
    writer: W,
    value: &T,
    depth: usize,
) -> serde_json::Result<()> {
    let formatter = JsonFormatter(PrettyAt::new(depth));
    value.serialize(&mut serde_json::Serializer::with_formatter(
        writer, formatter,
    ))
}

/// `value` as pretty JSON with [`JsonFormatter`]'s escapes.
pub fn write_json_pretty<W: std::io::Write, T: ?Sized + serde::Serialize>(
    writer: W,
    value: &T,
) -> serde_json::Result<()> {
    let formatter = JsonFormatter(serde_json::ser::PrettyFormatter::new());
    value.serialize(&mut serde_json::Serializer::with_formatter(
        writer, formatter,
    ))
}

/// `value` as pretty JSON text with [`JsonFormatter`]'s escapes.
pub fn json_pretty<T: ?Sized + serde::Serialize>(value: &T) -> String {
    let mut bytes = Vec::new();
    if write_json_pretty(&mut bytes, value).is_err() {
        return String::new();
    }
    String::from_utf8(bytes).unwrap_or_default()
}

/// One JSON string literal (with its quotes) with [`JsonFormatter`]'s escapes.
pub fn json_string(s: &str) -> String {
    let mut bytes = Vec::new();
    let formatter = JsonFormatter(serde_json::ser::CompactFormatter);
    if serde::Serialize::serialize(
        s,
        &mut serde_json::Serializer::with_formatter(&mut bytes, formatter),
    )
    .is_err()
    {
        return String::from("\"\"");
    }
    String::from_utf8(bytes).unwrap_or_default()
}

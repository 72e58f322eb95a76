//! How text travels in sheet cells without loss (docs/import-sheets.md, "Special
//! characters"). `export sheets` writes, and `import sheets` reads back:
//!
//! - `\` as `\\`;
//! - control characters (tab, line breaks included), bidi controls, invisible and other
//!   hazardous characters ([`crate::text::is_hazard`]) as `\u{HEX}`, so a cell stays one
//!   line and nothing reaches a terminal raw;
//! - spaces (any whitespace) at the start or end of a cell as `\u{20}` (import trims what
//!   is not escaped);
//! - a leading `'` as `\u{27}` (import drops a `'` that guards a formula: `'=x` is `=x`);
//! - in a list cell (`carries`), `;` inside an item as `\;`.
//!
//! Reading, `\\`, `\;` and `\u{HEX}` are decoded; any other backslash stays as typed, so a
//! hand-written `C:\data` is read as it is.

use std::borrow::Cow;

use crate::text::is_hazard;

/// `s` as a cell; `list` when the cell is a `;`-separated list item.
pub(super) fn encode(s: &str, list: bool) -> String {
    let first_kept = s.find(|c: char| !c.is_whitespace()).unwrap_or(s.len());
    let last_kept = s
        .rfind(|c: char| !c.is_whitespace())
        .map_or(first_kept, |i| {
            i + s[i..].chars().next().map_or(1, char::len_utf8)
        });
    let mut out = String::with_capacity(s.len() + 2);
    for (at, c) in s.char_indices() {
        let edge_space = c.is_whitespace() && (at < first_kept || at >= last_kept);
        match c {
            '\\' => out.push_str("\\\\"),
            ';' if list => out.push_str("\\;"),
            '\'' if at == 0 => out.push_str("\\u{27}"),
            c if edge_space || is_hazard(c) => out.push_str(&c.escape_unicode().to_string()),
            c => out.push(c),
        }
    }
    out
}

/// A cell's text with `\\`, `\u{HEX}` (and `\;` when `semicolons`) decoded.
pub(super) fn decode(s: &str, semicolons: bool) -> Cow<'_, str> {
    if !s.contains('\\') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(tail) = after.strip_prefix('\\') {
            out.push('\\');
            rest = tail;
        } else if let Some(tail) = after.strip_prefix(';').filter(|_| semicolons) {
            out.push(';');
            rest = tail;
        } else if let Some((c, tail)) = unicode_escape(after) {
            out.push(c);
            rest = tail;
        } else {
            out.push('\\');
            rest = after;
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `u{HEX}` at the start of `s`: the character and what follows.
fn unicode_escape(s: &str) -> Option<(char, &str)> {
    let body = s.strip_prefix("u{")?;
    let close = body.find('}')?;
    let hex = &body[..close];
    if hex.is_empty() || hex.len() > 6 {
        return None;
    }
    let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
    Some((c, &body[close + 1..]))
}

/// The items of a list cell, split at every `;` not escaped, each trimmed and decoded.
pub(super) fn split_list(raw: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (at, c) in raw.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            ';' => {
                items.push(&raw[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    items.push(&raw[start..]);
    items
        .into_iter()
        .map(|item| decode(item.trim(), true).into_owned())
        .filter(|item| !item.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_hostile_text_comes_back_as_it_was() {
        for text in [
            "a;b",
            "tab\there",
            "cr\rlf\n",
            "  leading and trailing  ",
            "bidi \u{202e}gnp.exe",
            "esc \u{1b}[31m",
            "back\\slash \\u{41} \\;",
            "'=quoted formula",
            "=SUM(A1)",
            "\u{a0}nbsp",
            "",
        ] {
            for list in [false, true] {
                let cell = encode(text, list);
                assert!(!cell.chars().any(is_hazard), "{cell:?}");
                assert_eq!(decode(cell.trim(), list), text, "{cell:?}");
            }
            assert_eq!(
                split_list(&encode(text, true)),
                [text]
                    .iter()
                    .filter(|t| !t.is_empty())
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn lists_split_at_plain_semicolons_only() {
        assert_eq!(
            split_list("order; a\\;b ;; invoice"),
            ["order", "a;b", "invoice"]
        );
        assert_eq!(decode("C:\\data \\q", false), "C:\\data \\q");
    }
}

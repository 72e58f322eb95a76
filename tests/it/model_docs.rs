//! docs/model.md keeps the field tables and the list of diagnostic codes that the code
//! declares: each is generated into a marked region, and these tests fail when the doc
//! drifts. `GAPGRAPH_BLESS=1 cargo test --test it model_docs` rewrites the regions.

use std::collections::HashSet;

use gapgraph::diagnostic::{Code, Severity};
use gapgraph::model::schema::SECTIONS;

const DOC: &str = "docs/model.md";

/// `text` with the region between `open` and the next `<!-- /...` line replaced by
/// `body`; `None` when the region is missing.
fn with_region(text: &str, open: &str, close: &str, body: &str) -> Option<String> {
    let start = text.find(open)? + open.len();
    let end = start + text[start..].find(close)?;
    Some(format!("{}\n{body}{}", &text[..start], &text[end..]))
}

fn codes_table() -> String {
    let mut out = String::from("| code | severity | meaning |\n|---|---|---|\n");
    for code in Code::ALL {
        let severity = match code.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        out.push_str(&format!(
            "| `{}` | {severity} | {} |\n",
            code.as_str(),
            code.meaning()
        ));
    }
    out
}

fn generated(doc: &str) -> String {
    let mut text = doc.to_string();
    for section in SECTIONS {
        let open = format!("<!-- fields:{} -->", section.name);
        text = with_region(&text, &open, "<!-- /fields -->", &section.markdown_table())
            .unwrap_or_else(|| panic!("{DOC} has no region {open}"));
    }
    with_region(&text, "<!-- codes -->", "<!-- /codes -->", &codes_table())
        .unwrap_or_else(|| panic!("{DOC} has no region <!-- codes -->"))
}

#[test]
fn field_tables_and_codes_match_the_declarations() {
    let doc = std::fs::read_to_string(DOC).unwrap();
    let expected = generated(&doc);
    if std::env::var_os("GAPGRAPH_BLESS").is_some() {
        std::fs::write(DOC, &expected).unwrap();
        return;
    }
    assert!(
        doc == expected,
        "{DOC} has drifted from model::schema or diagnostic::Code; \
         run `GAPGRAPH_BLESS=1 cargo test --test it model_docs` and review the diff"
    );
}

#[test]
fn codes_are_unique_and_kebab_case() {
    let mut seen = HashSet::new();
    for code in Code::ALL {
        let s = code.as_str();
        assert!(seen.insert(s), "code {s} is used twice");
        assert!(
            s.split('-')
                .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase())),
            "{s} is not kebab-case"
        );
        assert_eq!(code.to_string(), s);
    }
    let variants: HashSet<Code> = Code::ALL.into_iter().collect();
    assert_eq!(variants.len(), Code::ALL.len());
}

#[test]
fn every_section_is_documented_once() {
    let doc = std::fs::read_to_string(DOC).unwrap();
    for section in SECTIONS {
        let open = format!("<!-- fields:{} -->", section.name);
        assert_eq!(doc.matches(&open).count(), 1, "{open}");
    }
}

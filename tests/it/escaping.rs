//! Hostile names in every output format: `tests/data/hostile.yaml` puts HTML tags, event
//! handlers, Markdown pipes, Mermaid arrows and brackets, DOT quotes and backslashes, CSV
//! formulas, line breaks and terminal controls (ESC sequences, BEL, NUL, CR, a bidi
//! override, a zero-width space) into every string a model can hold, `name` and
//! `currency` included. Each format must show them as text without changing its own
//! structure; JSON keeps the exact text; terminal and CSV output never carry a control
//! raw.

use crate::support;

const HOSTILE: &str = "tests/data/hostile.yaml";

fn output(args: &[&str]) -> String {
    let output = support::gapgraph()
        .args(args)
        .output()
        .expect("gapgraph runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "gapgraph {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

fn has_dot() -> bool {
    support::which("dot").is_some()
}

#[test]
fn dot_parses_back_with_one_node_per_system() {
    let dot = output(&["diagram", HOSTILE]);
    let graph = graphviz_rust::parse(&dot).expect("hostile names give DOT that parses");
    let text = graphviz_rust::printer::DotPrinter::print(
        &graph,
        &mut graphviz_rust::printer::PrinterContext::default(),
    );
    for system in 0..5 {
        assert!(
            text.contains(&format!("n{system}[")),
            "node n{system} is there"
        );
    }
    assert!(!text.contains("n5["), "no name adds a node");
    if has_dot() {
        let svg = output(&["diagram", HOSTILE, "--format", "svg"]);
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!svg.contains("<script"), "no script element in the SVG");
        assert!(!svg.contains('\u{1b}'), "no control character in the XML");
    } else {
        eprintln!("Graphviz `dot` not found: skipping the SVG part (CI installs graphviz)");
    }
}

/// The quoted labels of one Mermaid line.
fn mermaid_labels(line: &str) -> Vec<&str> {
    line.split('"').skip(1).step_by(2).collect()
}

#[test]
fn mermaid_labels_are_closed_and_escaped() {
    let chart = output(&["diagram", HOSTILE, "--format", "mermaid"]);
    let mut labels = 0;
    for line in chart.lines() {
        assert_eq!(
            line.matches('"').count() % 2,
            0,
            "quotes balance on every line: {line}"
        );
        for label in mermaid_labels(line) {
            labels += 1;
            let without_breaks = label.replace("<br>", "");
            for raw in ["<", ">", "|", "[", "]", "{", "}", ";", "`", "-->"] {
                let bare = without_breaks
                    .split('#')
                    .enumerate()
                    // After a `#`, an entity code `NN;` is fine; look at the rest.
                    .map(|(k, part)| {
                        if k == 0 {
                            part
                        } else {
                            part.trim_start_matches(|c: char| c.is_ascii_digit())
                                .strip_prefix(';')
                                .unwrap_or(part)
                        }
                    })
                    .collect::<String>();
                assert!(
                    !bare.contains(raw),
                    "raw {raw:?} in Mermaid label {label:?}"
                );
            }
        }
        // Outside the labels, only our own syntax: no model text leaks out.
        let outside: String = line.split('"').step_by(2).collect();
        assert!(
            !outside.contains("script") && !outside.contains("img"),
            "model text outside a label: {line}"
        );
    }
    assert!(labels > 10, "labels were found ({labels})");
    // Five systems, five node definitions, whatever their names say.
    let nodes = chart
        .lines()
        .filter(|l| {
            let t = l.trim_start();
            t.starts_with('n') && t.contains('[') && !t.contains("-->") && !t.contains("-.->")
        })
        .count();
    assert_eq!(nodes, 5, "{chart}");
    assert!(chart.contains("#60;script#62;alert#40;1#41;#60;/script#62;"));
}

#[test]
fn html_shows_model_strings_as_text() {
    let page = output(&["analyze", HOSTILE, "--format", "html"]);
    assert_eq!(
        page.matches("<script").count(),
        1,
        "only the page's own sort script"
    );
    assert!(!page.contains("<img"), "no image element from a name");
    assert!(!page.contains("<b>"), "no markup from the currency");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("&lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt;"));
    assert!(!page.contains('\u{1b}'), "no terminal escape in the page");
    // The title is escaped too.
    let title = &page[page.find("<title>").unwrap()..page.find("</title>").unwrap()];
    assert!(title.contains("&lt;script&gt;"), "{title}");
}

#[test]
fn csv_neutralises_formulas_from_the_model() {
    for table in ["fixes", "gaps", "workflows", "systems"] {
        let text = output(&["analyze", HOSTILE, "--format", "csv", "--csv-table", table]);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(text.as_bytes());
        let mut rows = 0;
        for record in reader.records() {
            let record = record.expect("RFC 4180 reads back");
            rows += 1;
            for cell in &record {
                let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
                let our_number = cell.parse::<f64>().is_ok();
                assert!(
                    !formula || our_number,
                    "{table}: cell {cell:?} would run as a formula"
                );
            }
        }
        assert!(rows > 0, "{table} has rows");
    }
    let systems = output(&[
        "analyze",
        HOSTILE,
        "--format",
        "csv",
        "--csv-table",
        "systems",
    ]);
    assert!(systems.contains("'=1+1"), "owner `=1+1` kept, neutralised");
    assert!(systems.contains("'+sum") && systems.contains("'-minus"));
    let gaps = output(&["analyze", HOSTILE, "--format", "csv", "--csv-table", "gaps"]);
    assert!(gaps.contains("'@SUM(A1:A2)") && gaps.contains("'-->"));
}

/// `|` that split a GFM table row: those not escaped by an odd run of backslashes.
fn unescaped_pipes(row: &str) -> usize {
    let mut count = 0;
    let mut backslashes = 0;
    for c in row.chars() {
        match c {
            '\\' => backslashes += 1,
            '|' => {
                if backslashes % 2 == 0 {
                    count += 1;
                }
                backslashes = 0;
            }
            _ => backslashes = 0,
        }
    }
    count
}

#[test]
fn markdown_tables_keep_their_columns_and_no_html_leaks() {
    let doc = output(&["analyze", HOSTILE, "--format", "markdown"]);
    let mut in_chart = false;
    let mut columns = None;
    let mut rows = 0;
    for line in doc.lines() {
        if line.starts_with("```") {
            in_chart = !in_chart;
            continue;
        }
        if in_chart {
            continue;
        }
        if line.starts_with('|') {
            let pipes = unescaped_pipes(line);
            match columns {
                None => columns = Some(pipes),
                Some(n) => assert_eq!(pipes, n, "a cell split the row: {line}"),
            }
            rows += 1;
        } else {
            columns = None;
        }
        // Any `<` that is not escaped must be our own line break.
        let mut rest = line;
        while let Some(at) = rest.find('<') {
            let escaped = rest[..at].ends_with('\\') && !rest[..at].ends_with("\\\\");
            assert!(
                escaped || rest[at..].starts_with("<br>"),
                "raw HTML in Markdown: {line}"
            );
            rest = &rest[at + 1..];
        }
        assert!(!line.contains('\u{1b}'), "no terminal escape: {line}");
    }
    assert!(rows >= 10, "tables were found ({rows} rows)");
    assert!(doc.contains("```mermaid"), "the diagram is embedded");
}

/// What every string of the hostile model ends with.
const CONTROLS: &str = "\u{1b}[31m\u{1b}]0;pwned\u{7}\u{0}\r\u{202E}\u{200B}";

/// The same as a terminal shows it.
const CONTROLS_SHOWN: &str = r"\u{1b}[31m\u{1b}]0;pwned\u{7}\u{0}\u{d}\u{202e}\u{200b}";

/// Characters that must not reach a terminal raw from the model.
const HAZARDS: [char; 6] = ['\u{1b}', '\u{7}', '\u{0}', '\r', '\u{202E}', '\u{200B}'];

/// Runs gapgraph and returns standard output and standard error, whatever the exit code.
fn output_and_errors(args: &[&str]) -> (String, String) {
    let output = support::gapgraph()
        .args(args)
        .output()
        .expect("gapgraph runs");
    (
        String::from_utf8(output.stdout).expect("UTF-8 output"),
        String::from_utf8(output.stderr).expect("UTF-8 errors"),
    )
}

fn assert_no_hazard(what: &str, text: &str, hazards: &[char]) {
    for c in hazards {
        assert!(
            !text.contains(*c),
            "{what}: raw U+{:04X} in the output",
            u32::from(*c)
        );
    }
}

#[test]
fn terminal_table_has_no_escape_sequences_from_the_model() {
    let table = output(&["analyze", HOSTILE]);
    assert_no_hazard("analyze", &table, &HAZARDS);
    // The model name, the currency and names in the tables show their controls escaped.
    assert!(table.starts_with(&format!(
        "Evil <script>document.title='pwned'</script> \"model\" | -->{CONTROLS_SHOWN}\n"
    )));
    assert!(
        table.contains(&format!("<b>$</b>|{CONTROLS_SHOWN} ")),
        "currency escaped: {table}"
    );
    assert!(table.contains(&format!(
        "Fix <script>alert(5)</script> \"q\" |{CONTROLS_SHOWN}"
    )));
}

#[test]
fn plan_and_check_have_no_escape_sequences_from_the_model() {
    let plan = output(&["plan", HOSTILE, "--budget", "1000"]);
    assert_no_hazard("plan", &plan, &HAZARDS);
    assert!(plan.starts_with(&format!(
        "Plan under strategy +cmd|' /C calc'!A0{CONTROLS_SHOWN} (s1), budget <b>$</b>|{CONTROLS_SHOWN} 1,000\n"
    )));
    assert!(plan.contains(&format!("Spent <b>$</b>|{CONTROLS_SHOWN} 100 of 1,000;")));
    let (check, errors) = output_and_errors(&["check", HOSTILE, "--max-missing", "0"]);
    assert_no_hazard("check", &check, &HAZARDS);
    assert_no_hazard("check errors", &errors, &HAZARDS);
    assert!(check.starts_with("BROKEN: "), "{check}");
}

#[test]
fn csv_tables_show_controls_escaped() {
    for table in ["fixes", "gaps", "workflows", "systems"] {
        let text = output(&["analyze", HOSTILE, "--format", "csv", "--csv-table", table]);
        // Line breaks are our own row ends (CRLF) or inside quoted cells; nothing else.
        assert_no_hazard(table, &text.replace("\r\n", "\n"), &HAZARDS);
        assert!(text.contains(CONTROLS_SHOWN), "{table}: {text}");
    }
}

#[test]
fn json_keeps_the_exact_text() {
    let text = output(&["analyze", HOSTILE, "--format", "json"]);
    assert_no_hazard("json", &text, &['\u{1b}', '\u{7}', '\u{0}', '\r']);
    assert!(text.contains(r"\u001b[31m\u001b]0;pwned\u0007\u0000\r"));
    let report: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(report["currency"], format!("<b>$</b>|{CONTROLS}"));
    assert_eq!(
        report["model"],
        format!("Evil <script>document.title='pwned'</script> \"model\" | -->{CONTROLS}")
    );
    assert_eq!(
        report["systems"][0]["owner"],
        format!("=1+1{CONTROLS}"),
        "owners are kept exactly"
    );
    let plan: serde_json::Value = serde_json::from_str(&output(&[
        "plan", HOSTILE, "--budget", "1000", "--format", "json",
    ]))
    .expect("plan JSON");
    assert_eq!(plan["currency"], format!("<b>$</b>|{CONTROLS}"));
}

#[test]
fn markup_formats_carry_no_control_characters() {
    for args in [
        &["analyze", HOSTILE, "--format", "html"][..],
        &["analyze", HOSTILE, "--format", "markdown"],
        &["diagram", HOSTILE],
        &["diagram", HOSTILE, "--format", "mermaid"],
    ] {
        let text = output(args);
        assert_no_hazard(
            &format!("{args:?}"),
            &text,
            &['\u{1b}', '\u{7}', '\u{0}', '\r'],
        );
    }
}

#[test]
fn identifiers_from_the_command_line_are_escaped_in_errors() {
    let (_, errors) = output_and_errors(&["analyze", HOSTILE, "--strategy", "s\u{1b}[31m"]);
    assert_no_hazard("error", &errors, &HAZARDS);
    assert_eq!(
        errors, "error: unknown strategy `s\\u{1b}[31m`; known: s1\n",
        "{errors}"
    );
}

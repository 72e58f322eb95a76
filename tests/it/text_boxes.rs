//! No text of a picture prints over another: the boxes of an SVG's `<text>` elements, by
//! the estimate the drawings are made with (a character is at most 0.6 of the font size
//! wide, `CHAR_WIDTH`; a line is the font size high, from 0.8 of it above the baseline
//! to 0.2 below), must not overlap. The roadmap chart (drawn by gapgraph itself) is checked
//! here; the Graphviz maps, which need `dot`, in `slow::text_overlap`.

use crate::support;

/// A text's box in its picture's units.
#[derive(Clone, Debug)]
pub struct TextBox {
    /// What it says.
    pub text: String,
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

impl TextBox {
    fn overlaps(&self, other: &TextBox) -> bool {
        self.left < other.right
            && other.left < self.right
            && self.top < other.bottom
            && other.top < self.bottom
    }

    /// Whether it lies within `width` x `height` from the origin.
    fn inside(&self, width: f64, height: f64) -> bool {
        self.left >= 0.0 && self.top >= 0.0 && self.right <= width && self.bottom <= height
    }
}

/// XML text as it reads: entities resolved, tags inside dropped.
fn unescape(text: &str) -> String {
    let mut plain = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<']) {
        plain.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(if rest.starts_with('&') { ';' } else { '>' }) else {
            break;
        };
        let token = &rest[..=end];
        if let Some(entity) = token.strip_prefix('&') {
            let entity = &entity[..entity.len() - 1];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => entity
                    .strip_prefix("#x")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            plain.push(c.unwrap_or('?'));
        }
        rest = &rest[end + 1..];
    }
    plain.push_str(rest);
    plain
}

/// `name="value"` of a start tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[at..at + tag[at..].find('"')?])
}

/// The boxes of the `<text>` elements of `svg`, by the estimate in this module's doc.
pub fn text_boxes(svg: &str) -> Vec<TextBox> {
    let mut boxes = Vec::new();
    let mut rest = svg;
    while let Some(at) = rest.find("<text") {
        rest = &rest[at + "<text".len()..];
        if !rest.starts_with([' ', '>']) {
            continue;
        }
        let tag_end = rest.find('>').expect("the tag closes");
        let tag = &rest[..tag_end];
        let body_end = rest.find("</text>").expect("the text closes");
        let text = unescape(&rest[tag_end + 1..body_end]);
        rest = &rest[body_end..];
        if text.trim().is_empty() {
            continue;
        }
        let number = |name: &str| -> f64 {
            attribute(tag, name)
                .unwrap_or_else(|| panic!("<text{tag}> has {name}"))
                .parse()
                .unwrap()
        };
        let (x, y, size) = (number("x"), number("y"), number("font-size"));
        let width = text.chars().count() as f64 * 0.6 * size;
        let left = match attribute(tag, "text-anchor") {
            Some("middle") => x - width / 2.0,
            Some("end") => x - width,
            _ => x,
        };
        boxes.push(TextBox {
            text,
            left,
            top: y - 0.8 * size,
            right: left + width,
            bottom: y + 0.2 * size,
        });
    }
    boxes
}

/// Every pair of texts of `svg` that overlap, as "a | b".
pub fn overlaps(svg: &str) -> Vec<String> {
    let boxes = text_boxes(svg);
    let mut pairs = Vec::new();
    for (k, a) in boxes.iter().enumerate() {
        for b in &boxes[k + 1..] {
            if a.overlaps(b) {
                pairs.push(format!("{:?} | {:?}", a.text, b.text));
            }
        }
    }
    pairs
}

/// The `<svg>` elements of a page whose start tag contains `marker`.
pub fn svg_elements<'a>(page: &'a str, marker: &str) -> Vec<&'a str> {
    let mut found = Vec::new();
    let mut rest = page;
    while let Some(at) = rest.find("<svg ") {
        rest = &rest[at..];
        let end = rest.find("</svg>").expect("the picture closes") + "</svg>".len();
        let tag = &rest[..rest.find('>').unwrap()];
        if tag.contains(marker) {
            found.push(&rest[..end]);
        }
        rest = &rest[end..];
    }
    found
}

#[test]
fn the_check_sees_an_overlap_and_reads_entities() {
    let svg = "<svg><text x=\"10\" y=\"20\" font-size=\"10\">abcdef</text>\
               <text text-anchor=\"end\" x=\"40\" y=\"24\" font-size=\"10\">a&#45;b&amp;c</text>\
               <text x=\"200\" y=\"20\" font-size=\"10\">far</text></svg>";
    let boxes = text_boxes(svg);
    assert_eq!(boxes[1].text, "a-b&c");
    // abcdef spans 10..46, a-b&c 10..40 (right-anchored), 4 apart in height: they overlap.
    assert_eq!(overlaps(svg), ["\"abcdef\" | \"a-b&c\""]);
    let apart = svg.replace("y=\"24\"", "y=\"31\"");
    assert!(overlaps(&apart).is_empty(), "{:?}", overlaps(&apart));
}

/// The roadmap chart of `model`'s review with a budget, drawn without Graphviz.
fn roadmap_chart(model: &str, budget: &str) -> String {
    let no_dot = support::temp_dir();
    let output = support::gapgraph()
        .args(["analyze", model, "--format", "html", "--budget", budget])
        .env("PATH", no_dot.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{model}");
    let page = String::from_utf8(output.stdout).unwrap();
    let charts = svg_elements(&page, "class=\"roadmap-chart\"");
    assert_eq!(charts.len(), 1, "{model}: one roadmap chart");
    charts[0].to_string()
}

#[test]
fn the_roadmap_chart_prints_no_text_over_another() {
    for (model, budget, steps) in [
        ("fixtures/valid/seed.yaml", "60000", 6),
        ("fixtures/valid/large-300.yaml", "60000", 6),
        ("fixtures/valid/wholesale-34.yaml", "60000", 5),
        ("tests/data/long-names.yaml", "80000", 7),
    ] {
        let chart = roadmap_chart(model, budget);
        let boxes = text_boxes(&chart);
        let pairs = overlaps(&chart);
        assert!(pairs.is_empty(), "{model}: {pairs:?}");
        for b in &boxes {
            assert!(
                b.inside(640.0, 280.0),
                "{model}: {:?} leaves the chart",
                b.text
            );
        }
        // The axes' words, and a label "N: rate" at each step's point.
        let said = |t: &str| boxes.iter().any(|b| b.text.starts_with(t));
        assert!(said("saved a year (") && said("spent ("), "{model}");
        let labelled = (1..=steps).filter(|s| said(&format!("{s}: "))).count();
        assert_eq!(labelled, steps, "{model}: every step is labelled");
    }
}

//! The roadmap's step chart as inline SVG: x = money spent, y = saving a year;
//! presentation attributes only (no `style`), every text HTML-escaped. Every text is
//! placed where its box (by the diagrams' estimate, [`CHAR_WIDTH`]) overlaps no other text
//! and stays inside the picture; a step whose label finds no such place goes without one
//! (the roadmap table above the chart lists every step).

use std::fmt::Write as _;

use crate::render::dot::CHAR_WIDTH;
use crate::text::{html, money, percent};
use crate::view::review::StepChart;

const W: f64 = 640.0;
const H: f64 = 280.0;
const LEFT: f64 = 90.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 36.0;
const BOTTOM: f64 = 50.0;
/// The size of every text, in pixels.
const FONT: f64 = 11.0;

/// A text's box: left, top, right, bottom.
#[derive(Clone, Copy)]
struct TextBox(f64, f64, f64, f64);

impl TextBox {
    /// The box of `text` at baseline (`x`, `y`), anchored `start`, `middle` or `end`: as
    /// wide as its characters at [`CHAR_WIDTH`], from 0.8 of the font size above the
    /// baseline to 0.2 below.
    fn of(text: &str, x: f64, y: f64, anchor: &str) -> TextBox {
        let width = text.chars().count() as f64 * CHAR_WIDTH * FONT;
        let left = match anchor {
            "middle" => x - width / 2.0,
            "end" => x - width,
            _ => x,
        };
        TextBox(left, y - 0.8 * FONT, left + width, y + 0.2 * FONT)
    }

    fn overlaps(self, other: TextBox) -> bool {
        self.0 < other.2 && other.0 < self.2 && self.1 < other.3 && other.1 < self.3
    }

    fn inside(self) -> bool {
        self.0 >= 0.0 && self.2 <= W && self.1 >= 0.0 && self.3 <= H
    }
}

/// The texts placed so far and the SVG they make.
struct Texts {
    boxes: Vec<TextBox>,
    svg: String,
}

impl Texts {
    /// Places `text` at the first of `places` (x, y, anchor) where it overlaps nothing
    /// placed and stays inside the picture; `false` when none fits.
    fn place(&mut self, text: &str, places: &[(f64, f64, &str)]) -> bool {
        for &(x, y, anchor) in places {
            let candidate = TextBox::of(text, x, y, anchor);
            if candidate.inside() && !self.boxes.iter().any(|b| b.overlaps(candidate)) {
                self.boxes.push(candidate);
                let _ = writeln!(
                    self.svg,
                    "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"{FONT}\" fill=\"#222\" \
                     stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\" \
                     text-anchor=\"{anchor}\">{}</text>",
                    html(text)
                );
                return true;
            }
        }
        false
    }
}

/// Where a step's cost and saving fall in the picture.
struct Scale {
    x_max: f64,
    y_max: f64,
}

impl Scale {
    fn x(&self, v: f64) -> f64 {
        LEFT + v / self.x_max * (W - LEFT - RIGHT)
    }

    fn y(&self, v: f64) -> f64 {
        H - BOTTOM - v / self.y_max * (H - TOP - BOTTOM)
    }
}

/// The chart as an `<svg>` element.
pub fn svg(chart: &StepChart) -> String {
    let spent = chart.steps.last().map_or(0.0, |s| s.1);
    let scale = Scale {
        x_max: chart.budget.max(spent).max(1.0),
        y_max: chart.steps.last().map_or(0.0, |s| s.2).max(1.0),
    };
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"roadmap-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" \
         height=\"{H}\" viewBox=\"0 0 {W} {H}\" role=\"img\">\n<title>{}</title>\n",
        html(&chart.sentence())
    );
    let _ = writeln!(
        s,
        "<line x1=\"{LEFT}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\" stroke=\"#555\"/>\
         <line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{b}\" stroke=\"#555\"/>",
        b = H - BOTTOM,
        r = W - RIGHT
    );
    let mut path = format!("M{:.1},{:.1}", scale.x(0.0), scale.y(0.0));
    for (_, cost, saving, _) in &chart.steps {
        let _ = write!(path, " H{:.1} V{:.1}", scale.x(*cost), scale.y(*saving));
    }
    let _ = write!(path, " H{:.1}", scale.x(scale.x_max));
    let _ = writeln!(
        s,
        "<path d=\"{path}\" fill=\"none\" stroke=\"#2b7a4b\" stroke-width=\"2.5\"/>"
    );
    for (_, cost, saving, _) in &chart.steps {
        let _ = writeln!(
            s,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"#2b7a4b\"/>",
            scale.x(*cost),
            scale.y(*saving)
        );
    }
    s.push_str(&texts(chart, &scale));
    s.push_str("</svg>\n");
    s
}

/// The chart's words: the axes' first (they always fit), then each step's "N: rate" where
/// it overlaps none of them, no other label and no point.
fn texts(chart: &StepChart, scale: &Scale) -> String {
    let cur = &chart.currency;
    let mut texts = Texts {
        boxes: Vec::new(),
        svg: String::new(),
    };
    let base = H - BOTTOM;
    texts.place(
        &format!("saved a year ({cur})"),
        &[(LEFT, TOP - 16.0, "start")],
    );
    texts.place(
        &format!("{cur} {}", money(scale.y_max)),
        &[(LEFT - 6.0, TOP + 4.0, "end")],
    );
    texts.place("0", &[(LEFT - 6.0, base, "end")]);
    texts.place("0", &[(LEFT, base + 16.0, "start")]);
    texts.place(
        &format!("{cur} {}", money(scale.x_max)),
        &[(W - RIGHT, base + 16.0, "end")],
    );
    texts.place(
        &format!("spent ({cur})"),
        &[((LEFT + W - RIGHT) / 2.0, H - 10.0, "middle")],
    );
    // The points are in the way of labels too: a label over a point reads as that point's.
    for (_, cost, saving, _) in &chart.steps {
        let (cx, cy) = (scale.x(*cost), scale.y(*saving));
        texts
            .boxes
            .push(TextBox(cx - 5.0, cy - 5.0, cx + 5.0, cy + 5.0));
    }
    for (step, cost, saving, automation) in &chart.steps {
        let (cx, cy) = (scale.x(*cost), scale.y(*saving));
        // Above the point, then below it, to its right, its left, then further off.
        texts.place(
            &format!("{step}: {}", percent(*automation)),
            &[
                (cx + 6.0, cy - 7.0, "start"),
                (cx - 6.0, cy - 7.0, "end"),
                (cx + 6.0, cy + 15.0, "start"),
                (cx - 6.0, cy + 15.0, "end"),
                (cx, cy - 20.0, "middle"),
                (cx, cy + 28.0, "middle"),
                (cx - 6.0, cy - 20.0, "end"),
                (cx + 6.0, cy - 20.0, "start"),
                (cx - 6.0, cy + 28.0, "end"),
                (cx + 6.0, cy + 28.0, "start"),
            ],
        );
    }
    texts.svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(steps: Vec<(usize, f64, f64, Option<f64>)>, budget: f64) -> StepChart {
        StepChart {
            currency: "EUR".to_string(),
            budget,
            steps,
        }
    }

    /// The boxes of every `<text>` the chart drew, by the same estimate.
    fn boxes(svg: &str) -> Vec<(String, TextBox)> {
        svg.split("<text ")
            .skip(1)
            .map(|t| {
                let attr = |name: &str| -> String {
                    let start = t.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                    t[start..start + t[start..].find('"').unwrap()].to_string()
                };
                let text = t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()].to_string();
                let b = TextBox::of(
                    &text,
                    attr("x").parse().unwrap(),
                    attr("y").parse().unwrap(),
                    &attr("text-anchor"),
                );
                (text, b)
            })
            .collect()
    }

    #[test]
    fn no_text_overlaps_another_or_leaves_the_picture() {
        // Steps close together, one at the right edge, savings in the hundreds of
        // thousands: what printed "saved a year" over the axis and cut "4: 74.2%".
        let crowded = chart(
            vec![
                (1, 14_000.0, 102_960.0, Some(0.512)),
                (2, 23_000.0, 140_200.0, Some(0.627)),
                (3, 38_000.0, 187_000.0, Some(0.701)),
                (4, 59_900.0, 373_155.0, Some(0.742)),
            ],
            60_000.0,
        );
        let dense = chart(
            (1..=30)
                .map(|k| {
                    (
                        k,
                        k as f64 * 1_000.0,
                        k as f64 * 9_000.0,
                        Some(k as f64 / 40.0),
                    )
                })
                .collect(),
            30_000.0,
        );
        for c in [crowded, dense, chart(Vec::new(), 50_000.0)] {
            let svg = svg(&c);
            let drawn = boxes(&svg);
            // And no label covers a point, where it would read as that point's.
            let points: Vec<TextBox> = svg
                .split("<circle cx=\"")
                .skip(1)
                .map(|c| {
                    let cx: f64 = c[..c.find('"').unwrap()].parse().unwrap();
                    let c = &c[c.find("cy=\"").unwrap() + 4..];
                    let cy: f64 = c[..c.find('"').unwrap()].parse().unwrap();
                    TextBox(cx - 4.0, cy - 4.0, cx + 4.0, cy + 4.0)
                })
                .collect();
            assert_eq!(points.len(), c.steps.len());
            for (k, (a, boxed)) in drawn.iter().enumerate() {
                assert!(boxed.inside(), "{a} leaves the picture");
                for (b, other) in &drawn[k + 1..] {
                    assert!(!boxed.overlaps(*other), "{a} overlaps {b}");
                }
                assert!(
                    !points.iter().any(|p| p.overlaps(*boxed)),
                    "{a} covers a point"
                );
            }
            assert!(drawn.iter().any(|(t, _)| t == "saved a year (EUR)"));
        }
        let crowded = svg(&chart(
            vec![
                (1, 14_000.0, 102_960.0, Some(0.512)),
                (4, 59_900.0, 373_155.0, Some(0.742)),
            ],
            60_000.0,
        ));
        // The last step's label is whole, left of its point at the right edge.
        assert!(crowded.contains(">4: 74.2%</text>"), "{crowded}");
    }
}

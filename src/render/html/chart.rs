//! The roadmap's step chart as inline SVG: x = money spent, y = saving a year;
//! presentation attributes only (no `style`), every text HTML-escaped.

use std::fmt::Write as _;

use crate::text::{html, money, percent};
use crate::view::review::StepChart;

/// The chart as an `<svg>` element.
pub fn svg(chart: &StepChart) -> String {
    const W: f64 = 640.0;
    const H: f64 = 260.0;
    const LEFT: f64 = 90.0;
    const RIGHT: f64 = 20.0;
    const TOP: f64 = 20.0;
    const BOTTOM: f64 = 50.0;
    let spent = chart.steps.last().map_or(0.0, |s| s.1);
    let x_max = chart.budget.max(spent).max(1.0);
    let y_max = chart.steps.last().map_or(0.0, |s| s.2).max(1.0);
    let x = |v: f64| LEFT + v / x_max * (W - LEFT - RIGHT);
    let y = |v: f64| H - BOTTOM - v / y_max * (H - TOP - BOTTOM);
    let cur = html(&chart.currency);
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
    let mut path = format!("M{:.1},{:.1}", x(0.0), y(0.0));
    for (_, cost, saving, _) in &chart.steps {
        let _ = write!(path, " H{:.1} V{:.1}", x(*cost), y(*saving));
    }
    let _ = write!(path, " H{:.1}", x(x_max));
    let _ = writeln!(
        s,
        "<path d=\"{path}\" fill=\"none\" stroke=\"#2b7a4b\" stroke-width=\"2.5\"/>"
    );
    for (step, cost, saving, automation) in &chart.steps {
        let _ = writeln!(
            s,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"#2b7a4b\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#222\">{step}: {}</text>",
            x(*cost),
            y(*saving),
            x(*cost) + 5.0,
            y(*saving) - 6.0,
            html(&percent(*automation))
        );
    }
    let _ = writeln!(
        s,
        "<text x=\"{LEFT}\" y=\"{:.1}\" font-size=\"11\" fill=\"#222\">0</text>\
         <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#222\" text-anchor=\"end\">{cur} {}</text>\
         <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#222\" text-anchor=\"middle\">spent ({cur})</text>",
        H - BOTTOM + 16.0,
        W - RIGHT,
        H - BOTTOM + 16.0,
        html(&money(x_max)),
        (LEFT + W - RIGHT) / 2.0,
        H - 10.0
    );
    let _ = writeln!(
        s,
        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#222\" text-anchor=\"end\">{cur} {}</text>\
         <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#222\" text-anchor=\"end\">0</text>\
         <text x=\"12\" y=\"{TOP}\" font-size=\"11\" fill=\"#222\">saved a year</text>",
        LEFT - 6.0,
        TOP + 4.0,
        html(&money(y_max)),
        LEFT - 6.0,
        H - BOTTOM
    );
    s.push_str("</svg>\n");
    s
}

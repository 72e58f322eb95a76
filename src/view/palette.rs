//! How every diagram (DOT, Mermaid, the HTML report) tells things apart. Colours come
//! from the Okabe-Ito palette, which stays distinguishable under the common colour-vision
//! deficiencies; status is told a second and a third way, by line style and arrowhead, so
//! the picture still reads in greyscale or under a deuteranopia simulation.

/// Automated integrations (Okabe-Ito blue).
pub const AUTOMATED: &str = "#0072B2";
/// Semi-automated integrations: someone runs an export/import (Okabe-Ito orange).
pub const SEMI: &str = "#E69F00";
/// Manual integrations: re-keying (Okabe-Ito reddish purple).
pub const MANUAL: &str = "#CC79A7";
/// Handoffs with no path at all (Okabe-Ito vermillion).
pub const GAP: &str = "#D55E00";
/// Fixes (Okabe-Ito bluish green).
pub const FIX: &str = "#009E73";
/// Fill of ordinary systems.
pub const SYSTEM_FILL: &str = "#EAF4FB";
/// Border of ordinary systems.
pub const SYSTEM_LINE: &str = "#0072B2";
/// Fill of manual-kind systems (a light Okabe-Ito yellow).
pub const MANUAL_FILL: &str = "#FBF6C8";
/// Border of manual-kind systems.
pub const MANUAL_LINE: &str = "#8A6D00";
/// Fill of systems outside the focused unit, drawn as external.
pub const EXTERNAL_FILL: &str = "#FFFFFF";
/// Border of external systems.
pub const EXTERNAL_LINE: &str = "#777777";
/// Unit cluster fill.
pub const UNIT_FILL: &str = "#F6F7F9";
/// Unit cluster border.
pub const UNIT_LINE: &str = "#9AA5B1";

/// One kind of edge, with every way it is told apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    /// An automated integration.
    Automated,
    /// A semi-automated integration.
    Semi,
    /// A manual integration.
    Manual,
    /// A handoff with no path.
    Missing,
    /// A fix that builds a new integration (connect, catalog).
    BuildFix,
    /// A fix that makes an existing integration automated, drawn beside it.
    AutomateFix,
}

impl Look {
    /// Every look, in legend order.
    pub const ALL: [Look; 6] = [
        Look::Automated,
        Look::Semi,
        Look::Manual,
        Look::Missing,
        Look::BuildFix,
        Look::AutomateFix,
    ];

    /// The line colour.
    pub fn colour(self) -> &'static str {
        match self {
            Look::Automated => AUTOMATED,
            Look::Semi => SEMI,
            Look::Manual => MANUAL,
            Look::Missing => GAP,
            Look::BuildFix | Look::AutomateFix => FIX,
        }
    }

    /// A darker shade of the colour for label text, legible on white (contrast >= 4.5).
    pub fn text_colour(self) -> &'static str {
        match self {
            Look::Automated => "#005A8C",
            Look::Semi => "#8A5A00",
            Look::Manual => "#8E3B6D",
            Look::Missing => "#A33F00",
            Look::BuildFix | Look::AutomateFix => "#006B4E",
        }
    }

    /// Graphviz `style`.
    pub fn dot_style(self) -> &'static str {
        match self {
            Look::Automated | Look::BuildFix => "solid",
            Look::Semi | Look::Manual | Look::AutomateFix => "dashed",
            Look::Missing => "dotted",
        }
    }

    /// Graphviz `color`: fixes are a double line (two strokes with a gap between).
    pub fn dot_colour(self) -> String {
        match self {
            Look::BuildFix | Look::AutomateFix => format!("{FIX}:invis:{FIX}"),
            other => other.colour().to_string(),
        }
    }

    /// Graphviz `arrowhead`: filled for automated, open for semi, a circle (a person's
    /// hand) for manual, a bar (nothing gets through) for missing.
    pub fn dot_arrowhead(self) -> &'static str {
        match self {
            Look::Automated | Look::BuildFix => "normal",
            Look::Semi | Look::AutomateFix => "onormal",
            Look::Manual => "odot",
            Look::Missing => "tee",
        }
    }

    /// Graphviz `penwidth`.
    pub fn dot_width(self) -> &'static str {
        match self {
            Look::Automated | Look::Semi | Look::Manual => "1.6",
            Look::Missing => "2.4",
            Look::BuildFix | Look::AutomateFix => "1.8",
        }
    }

    /// The Mermaid link: `-->` solid arrow, `-.->` dashed arrow, `-.-o` dashed with a
    /// circle, `-.-x` dotted with a cross, `==>` thick.
    pub fn mermaid_arrow(self) -> &'static str {
        match self {
            Look::Automated => "-->",
            Look::Semi => "-.->",
            Look::Manual => "-.-o",
            Look::Missing => "-.-x",
            Look::BuildFix | Look::AutomateFix => "==>",
        }
    }

    /// The Mermaid `linkStyle` of this look.
    pub fn mermaid_style(self) -> String {
        self.mermaid_style_width(None)
    }

    /// The Mermaid `linkStyle` of this look with its own stroke width (`None`: the
    /// look's).
    pub fn mermaid_style_width(self, own: Option<&str>) -> String {
        let (width, dashes) = match self {
            Look::Automated => ("1.5px", None),
            Look::Semi => ("1.5px", Some("6 4")),
            Look::Manual => ("2px", Some("6 4")),
            Look::Missing => ("2.5px", Some("2 4")),
            Look::BuildFix => ("4px", None),
            Look::AutomateFix => ("4px", Some("9 4")),
        };
        let mut style = format!(
            "stroke:{},stroke-width:{},color:{}",
            self.colour(),
            own.unwrap_or(width),
            self.text_colour()
        );
        if let Some(d) = dashes {
            style.push_str(&format!(",stroke-dasharray:{d}"));
        }
        style
    }

    /// What the legend says about it.
    pub fn meaning(self) -> &'static str {
        match self {
            Look::Automated => "automated integration",
            Look::Semi => "semi: export/import by a person (min per use)",
            Look::Manual => "manual: re-keying (min per use)",
            Look::Missing => "missing: no path at all (hours and cost a year)",
            Look::BuildFix => "fix #rank, build: a new integration",
            Look::AutomateFix => "fix #rank, automate: makes the integration beside it automated",
        }
    }

    /// The line in words, for a key without pictures ("blue solid arrow with a filled
    /// head").
    pub fn in_words(self) -> &'static str {
        match self {
            Look::Automated => "blue solid arrow with a filled head",
            Look::Semi => "orange dashed arrow with an open head",
            Look::Manual => "purple dashed arrow ending in a circle",
            Look::Missing => "vermillion dotted arrow ending in a bar",
            Look::BuildFix => "double green arrow",
            Look::AutomateFix => "dashed double green arrow",
        }
    }

    /// The legend's sample of the line in a DOT HTML-like label: its dashes and its
    /// arrowhead as characters.
    pub fn glyphs(self) -> &'static str {
        match self {
            Look::Automated => "\u{2500}\u{2500}\u{2500}\u{25B6}",
            Look::Semi => "\u{2012} \u{2012} \u{25B7}",
            Look::Manual => "\u{2012} \u{2012} \u{25CB}",
            Look::Missing => "\u{00B7}\u{00B7}\u{00B7}\u{00B7}\u{22A3}",
            Look::BuildFix => "\u{2550}\u{2550}\u{2550}\u{25B6}",
            Look::AutomateFix => "\u{2550} \u{2550} \u{25B7}",
        }
    }
}

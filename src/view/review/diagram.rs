//! The maps of the review document: the unit overview that opens it, the whole
//! integration map when the model is small enough to read in one picture, and one map per
//! workflow beside its gaps. Every caption names exactly the fixes its map marks.

use super::{code, text, Block, Map, Section, Span};
use crate::model::WorkflowIx;
use crate::view::scene::{scene, FixMark, Level, View};
use crate::view::units::unit_scene;
use crate::view::Report;

/// Fixes marked on the maps when `--top` is not given.
pub(super) const DIAGRAM_TOP: usize = 5;

/// Above this many systems the whole integration map is left out: the unit overview and
/// the workflow maps show the same edges at a size that can be read.
const LARGE_DIAGRAM: usize = 40;

/// Workflow maps drawn in "Gaps by workflow": past this many workflows with gaps, only
/// those whose gaps cost the most a year get one. A review reads a few dozen maps, not
/// thousands, and each costs a Graphviz run in the HTML report.
pub(super) const WORKFLOW_MAPS: usize = 25;

/// Which workflows get a map (by model index), and how many with gaps do not: the
/// [`WORKFLOW_MAPS`] whose gaps cost the most a year, ties in file order.
pub(super) fn mapped_workflows(report: &Report) -> (Vec<bool>, usize) {
    let workflows = &report.analysis.workflows;
    let mut with_gaps: Vec<usize> = (0..workflows.len())
        .filter(|w| workflows[*w].counts.manual + workflows[*w].counts.missing > 0)
        .collect();
    let left_out = with_gaps.len().saturating_sub(WORKFLOW_MAPS);
    if left_out > 0 {
        // A stable sort keeps file order among equal costs.
        with_gaps.sort_by(|a, b| {
            workflows[*b]
                .counts
                .annual_cost
                .total_cmp(&workflows[*a].counts.annual_cost)
        });
        with_gaps.truncate(WORKFLOW_MAPS);
    }
    let mut mapped = vec![false; workflows.len()];
    for w in with_gaps {
        mapped[w] = true;
    }
    (mapped, left_out)
}

/// The sentence that says which workflow maps were left out and how to draw them.
pub(super) fn maps_left_out(left_out: usize) -> Block {
    let noun = if left_out == 1 {
        "workflow"
    } else {
        "workflows"
    };
    Block::Paragraph(vec![
        text(format!(
            "Maps are drawn for the {WORKFLOW_MAPS} workflows whose gaps cost the most a \
             year; the other {left_out} {noun} with gaps are listed without one. Draw any \
             workflow with "
        )),
        code("gapgraph diagram MODEL --workflow ID --format svg"),
        text("."),
    ])
}

/// "#1, #3 and #7".
fn ranks(ranks: &[usize]) -> String {
    let named: Vec<String> = ranks.iter().map(|r| format!("#{r}")).collect();
    match named.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// What a map drawn without its unit boxes says of itself.
const UNBOXED: &str = "Graphviz could not lay this map out with its unit boxes, so its \
    systems are drawn without them.";

/// The unit overview that opens the document.
pub(super) fn overview(report: &Report, top: Option<usize>) -> Section {
    let top = top.unwrap_or(DIAGRAM_TOP);
    let units = unit_scene(report, top);
    let view = View {
        level: Level::Unit,
        ..View::default()
    }
    .with_top(top);
    let mut caption = vec![text(
        "Each box is a business unit with the systems it owns and the gaps between them \
         (systems without a unit share the \"no unit\" box); this map counts handoffs by \
         the units that own their systems, while the Automation section's unit table \
         counts them by the unit that owns their workflow. An arrow sums the handoffs from one unit \
         to another: their count by status, and the hours and cost a year of the gaps among \
         them; the thicker the arrow, the more hours, and its line shows the worst status \
         among them.",
    )];
    let between: Vec<usize> = units.fixes.iter().map(|f| f.fix.rank).collect();
    let inside: Vec<usize> = units
        .nodes
        .iter()
        .flat_map(|n| n.fixes_inside.iter().copied())
        .collect();
    let between_text = match between.as_slice() {
        [] => None,
        [one] => Some(format!(
            "A double green arrow marks fix #{one}, between units"
        )),
        many => Some(format!(
            "Double green arrows mark fixes {}, between units",
            ranks(many)
        )),
    };
    let inside_text = match inside.as_slice() {
        [] => None,
        [one] => Some(format!(
            "fix #{one} works inside one unit and is named in its box"
        )),
        many => Some(format!(
            "fixes {} work inside one unit each and are named in its box",
            ranks(many)
        )),
    };
    caption.push(text(match (between_text, inside_text) {
        (None, None) => " No fix is marked.".to_string(),
        (Some(b), None) => format!(" {b}."),
        (None, Some(i)) => format!(" {}{}.", i[..1].to_uppercase(), &i[1..]),
        (Some(b), Some(i)) => format!(" {b}; {i}."),
    }));
    Section {
        id: "overview",
        title: "Unit overview".to_string(),
        blocks: vec![Block::Diagram(Map {
            view,
            caption,
            caption_unboxed: None,
        })],
    }
}

/// The caption's sentence on the fixes a system-level map marks, by how each is drawn.
fn fix_sentence(marked: &[FixMark]) -> String {
    let of = |automate: bool| -> Vec<usize> {
        marked
            .iter()
            .filter(|f| f.integration.is_some() == automate)
            .map(|f| f.rank)
            .collect()
    };
    let (build, automate) = (of(false), of(true));
    let mut parts = Vec::new();
    match build.as_slice() {
        [] => {}
        [one] => parts.push(format!(
            "a solid double green arrow marks fix #{one}, a new integration"
        )),
        many => parts.push(format!(
            "solid double green arrows mark fixes {}, new integrations",
            ranks(many)
        )),
    }
    match automate.as_slice() {
        [] => {}
        [one] => parts.push(format!(
            "a dashed double green arrow marks fix #{one}, beside the integration it makes automated"
        )),
        many => parts.push(format!(
            "dashed double green arrows mark fixes {}, each beside the integration it makes \
             automated",
            ranks(many)
        )),
    }
    if parts.is_empty() {
        return "No fix is marked.".to_string();
    }
    let sentence = parts.join("; ");
    format!("{}{}.", sentence[..1].to_uppercase(), &sentence[1..])
}

/// The whole integration map with the best `top` fixes marked, when the model is small
/// enough to read in one picture.
pub(super) fn integration_map(report: &Report, top: Option<usize>) -> Option<Section> {
    let view = View::default().with_top(top.unwrap_or(DIAGRAM_TOP));
    let shown = scene(report, &view);
    if shown.systems.len() > LARGE_DIAGRAM {
        return None;
    }
    let fixes = fix_sentence(&shown.fixes);
    Some(Section {
        id: "diagram",
        title: "Integration map".to_string(),
        blocks: vec![Block::Diagram(Map {
            view,
            caption: vec![text(format!(
                "Every system, grouped by the business unit that owns it, with every \
                 integration and every handoff that has no path. {fixes}"
            ))],
            caption_unboxed: Some(vec![text(format!(
                "Every system, with every integration and every handoff that has no path. \
                 {UNBOXED} {fixes}"
            ))]),
        })],
    })
}

/// The map of workflow `w` with the best fixes that help it, and its caption.
pub(super) fn workflow_map(report: &Report, w: WorkflowIx, top: Option<usize>) -> Map {
    let view = View {
        workflows: vec![w],
        ..View::default()
    }
    .with_top(top.unwrap_or(DIAGRAM_TOP));
    let marked = fix_sentence(&scene(report, &view).fixes);
    let caption = |unboxed: &str| -> Vec<Span> {
        vec![
            text(format!(
                "Map of this workflow: labels give the step numbers.{unboxed} {marked} Draw \
                 it alone with "
            )),
            code(format!(
                "gapgraph diagram MODEL --workflow {} --format svg",
                report.model.workflow(w).id
            )),
            text("."),
        ]
    };
    Map {
        view,
        caption: caption(""),
        caption_unboxed: Some(caption(&format!(" {UNBOXED}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::view::review::{document, Block};

    #[test]
    fn only_the_costliest_workflows_get_a_map() {
        let source = include_str!("../../../fixtures/valid/large-300.yaml");
        let model = crate::load_str(source, "large-300.yaml").unwrap().model;
        let analysis = analyze(&model, None);
        let report = Report {
            model: &model,
            analysis: &analysis,
            warnings: &[],
        };
        // 60 workflows have gaps: 25 maps, 35 left out.
        let (mapped, left_out) = mapped_workflows(&report);
        assert_eq!(mapped.iter().filter(|m| **m).count(), WORKFLOW_MAPS);
        assert_eq!(left_out, 35);
        let cost = |w: usize| analysis.workflows[w].counts.annual_cost;
        let cheapest_mapped = (0..mapped.len())
            .filter(|w| mapped[*w])
            .map(cost)
            .fold(f64::INFINITY, f64::min);
        for w in (0..mapped.len()).filter(|w| !mapped[*w]) {
            assert!(
                cost(w) <= cheapest_mapped,
                "workflow {w} costs more than a mapped one"
            );
        }
        let doc = document(&report, None, None, None);
        let gaps = doc.sections.iter().find(|s| s.id == "gaps").unwrap();
        // The workflow maps sit in the deferred gaps by workflow, known ahead.
        let maps: usize = gaps.blocks.iter().map(|b| b.maps().len()).sum();
        assert_eq!(maps, WORKFLOW_MAPS);
        let Block::Paragraph(first) = &gaps.blocks[0] else {
            panic!("the section opens with the sentence on the maps left out");
        };
        let Span::Text(sentence) = &first[0] else {
            panic!("plain text");
        };
        assert!(
            sentence.contains("the other 35 workflows with gaps"),
            "{sentence}"
        );
    }
}

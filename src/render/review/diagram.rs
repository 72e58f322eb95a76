//! The integration map, focused on the best fixes when the model is large.

use super::{code, text, Block, Section};
use crate::render::view::{scene, View};
use crate::render::Report;

/// Fixes marked on the embedded diagram when `--top` is not given.
const DIAGRAM_TOP: usize = 5;

/// Above this many systems the embedded diagram shows only the systems touching a gap.
const LARGE_DIAGRAM: usize = 40;

/// The map of the whole model with the best `top` fixes marked (`None`: 5), or of the
/// gaps the best fixes close when the whole model would be too large to read.
pub(super) fn diagram(report: &Report, top: Option<usize>) -> Section {
    let model = report.model;
    let mut view = View::default().with_top(top.unwrap_or(DIAGRAM_TOP));
    let mut blocks = Vec::new();
    let systems = scene(report, &view).systems.len();
    if systems > LARGE_DIAGRAM {
        // A whole large estate is unreadable on a page; show where the best fixes act,
        // adding the workflows of one fix after another while the picture stays small.
        let mut focus = View {
            gaps_only: true,
            ..view.clone()
        };
        let mut fixes_shown = 0;
        for fix in report.analysis.fixes.iter().take(view.top.max(1)) {
            let mut wider = focus.clone();
            let indexes = fix
                .workflows
                .iter()
                .filter_map(|id| model.workflows.iter().position(|w| &w.id == id));
            for w in indexes {
                if !wider.workflows.contains(&w) {
                    wider.workflows.push(w);
                }
            }
            let size = scene(report, &wider).systems.len();
            if fixes_shown > 0 && size > LARGE_DIAGRAM {
                break;
            }
            focus = wider;
            fixes_shown += 1;
        }
        let shown = scene(report, &focus).systems.len();
        let which = if fixes_shown == 1 {
            "the best fix improves".to_string()
        } else {
            format!("the top {fixes_shown} fixes improve")
        };
        let mut spans = vec![text(format!(
            "The model has {} systems, too many for one picture; this map shows the {shown} \
             on the gaps of the workflows that {which}",
            report.model.systems.len(),
        ))];
        for (k, w) in focus.workflows.iter().enumerate() {
            spans.push(text(if k == 0 { " (" } else { ", " }));
            spans.push(code(&model.workflows[*w].id));
        }
        spans.push(text(if focus.workflows.is_empty() {
            ". "
        } else {
            "). "
        }));
        spans.push(text("For any one workflow, run "));
        spans.push(code("gapgraph diagram MODEL --workflow ID --format svg"));
        spans.push(text("."));
        blocks.push(Block::Paragraph(spans));
        view = focus;
    }
    blocks.push(Block::Diagram(view.clone()));
    let fixes = match view.top {
        0 => "no fix is marked (--top 0).".to_string(),
        1 => "green arrows and badges mark the best fix.".to_string(),
        n => format!("green arrows and badges mark the top {n} fixes by rank."),
    };
    blocks.push(Block::Paragraph(vec![text(format!(
        "Boxes are systems grouped by business unit; yellow shapes are manual kinds \
         (spreadsheet, e-mail, paper, person). Blue solid arrows are automated integrations; \
         dashed arrows have a person in the loop (amber semi, red manual, with minutes per \
         use); red dotted arrows are handoffs with no path at all (hours a year); {fixes}"
    ))]));
    Section {
        id: "diagram",
        title: "Integration map".to_string(),
        blocks,
    }
}

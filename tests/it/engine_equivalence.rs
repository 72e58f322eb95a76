//! The fast engine against the straightforward method (tests/it/reference.rs): on random models,
//! the same handoff resolutions, the same listed fixes in the same order with the same
//! numbers, the same plans; and routing itself against brute force over simple paths.

use gapgraph::analysis::{analyze, plan, resolve_all, Alignment, Network};
use gapgraph::model::Model;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

use crate::reference;

const DATA: [&str; 3] = ["order", "invoice", "status"];
/// Minutes whose sums tie in real numbers but not always in floating point.
const MINUTES: [f64; 4] = [0.1, 0.2, 0.3, 0.6];

/// (pair, mode, carries, minutes, fix cost) of an integration.
type IntegrationShape = ((usize, usize), u8, u8, Option<usize>, Option<u8>);
/// (pair, data, minutes, own runs as (count, period)) of a handoff.
type HandoffShape = ((usize, usize), usize, Option<u8>, Option<(u8, u8)>);
/// (runs, handoffs, serves) of a workflow.
type WorkflowShape = (u8, Vec<HandoffShape>, u8);
/// A handoff's own `runs`: a daily settlement, a weekly payment run, a monthly export...
const PERIODS: [&str; 5] = ["day", "week", "month", "quarter", "year"];

#[derive(Clone, Debug)]
pub(crate) struct Shape {
    kinds: Vec<u8>,
    integrations: Vec<IntegrationShape>,
    workflows: Vec<WorkflowShape>,
    fixes: Vec<((usize, usize), u8, Option<u8>)>,
    weights: (u8, u8),
}

fn carries(c: u8) -> Value {
    match c % 6 {
        0 => json!(["*"]),
        1 => json!([DATA[0], DATA[1]]),
        2 => json!([DATA[2], DATA[0]]),
        n => json!([DATA[n as usize - 3]]),
    }
}

pub(crate) fn shape(max_systems: usize) -> impl Strategy<Value = Shape> {
    (2..=max_systems).prop_flat_map(|n| {
        let pair = (0..n, 1..n).prop_map(move |(a, d)| (a, (a + d) % n));
        (
            prop::collection::vec(0u8..12, n),
            prop::collection::vec(
                (
                    pair.clone(),
                    0u8..3,
                    any::<u8>(),
                    prop::option::weighted(0.8, 0usize..4),
                    prop::option::of(0u8..3),
                ),
                0..14,
            ),
            prop::collection::vec(
                (
                    1u8..5,
                    prop::collection::vec(
                        (
                            pair.clone(),
                            0usize..3,
                            prop::option::of(0u8..6),
                            prop::option::weighted(0.3, (1u8..4, 0u8..5)),
                        ),
                        1..6,
                    ),
                    0u8..4,
                ),
                1..4,
            ),
            prop::collection::vec((pair, 0u8..3, prop::option::of(any::<u8>())), 0..3),
            (0u8..4, 0u8..4),
        )
            .prop_map(|(kinds, integrations, workflows, fixes, weights)| Shape {
                kinds,
                integrations,
                workflows,
                fixes,
                weights,
            })
    })
}

/// The model as a file would write it, loaded through the validator.
pub(crate) fn model_of(shape: &Shape) -> Model {
    let kind = |k: u8| match k {
        0 => "spreadsheet",
        1 => "email",
        2 => "person",
        3 => "saas",
        _ => "application",
    };
    let mut systems = Map::new();
    for (s, k) in shape.kinds.iter().enumerate() {
        systems.insert(format!("s{s}"), json!({"kind": kind(*k)}));
    }
    let integrations: Vec<Value> = shape
        .integrations
        .iter()
        .enumerate()
        .map(|(i, ((from, to), mode, c, minutes, fix_cost))| {
            let mut e = json!({
                "id": format!("i{i}"), "from": format!("s{from}"), "to": format!("s{to}"),
                "carries": carries(*c), "mode": (["automated", "semi", "manual"][*mode as usize]),
            });
            if let Some(m) = minutes {
                e["minutes"] = json!(MINUTES[*m]);
            }
            if let Some(f) = fix_cost {
                e["fix_cost"] = json!([0.0, 500.0, 1000.0][*f as usize]);
            }
            e
        })
        .collect();
    let mut workflows = Map::new();
    for (w, (runs, handoffs, serves)) in shape.workflows.iter().enumerate() {
        let handoffs: Vec<Value> = handoffs
            .iter()
            .map(|((from, to), d, minutes, runs)| {
                let mut h =
                    json!({"from": format!("s{from}"), "to": format!("s{to}"), "data": DATA[*d]});
                if let Some(m) = minutes {
                    h["minutes"] = json!([0.0, 0.1, 0.2, 0.3, 0.5, 0.9][*m as usize]);
                }
                if let Some((count, per)) = runs {
                    h["runs"] = json!({"count": count, "per": PERIODS[*per as usize]});
                }
                // Some steps done by the other unit, priced at its rate.
                if *d % 3 == 0 {
                    h["by"] = json!(if w % 2 == 0 { "u1" } else { "u0" });
                }
                h
            })
            .collect();
        let serves = match serves {
            0 => json!({}),
            1 => json!({"growth": 1.0}),
            2 => json!({"cost": 0.3}),
            _ => json!({"growth": 0.1, "cost": 0.2}),
        };
        workflows.insert(
            format!("w{w}"),
            json!({
                "runs": {"count": runs, "per": "week"}, "serves": serves,
                "unit": if w % 2 == 0 { "u0" } else { "u1" }, "handoffs": handoffs,
            }),
        );
    }
    let fixes: Vec<Value> = shape
        .fixes
        .iter()
        .enumerate()
        .map(|(f, ((from, to), cost, c))| {
            let mut e = json!({
                "id": format!("f{f}"), "from": format!("s{from}"), "to": format!("s{to}"),
                "cost": ([0.0, 700.0, 1500.0][*cost as usize]),
            });
            if let Some(c) = c {
                e["carries"] = carries(*c);
            }
            e
        })
        .collect();
    let (a, b) = match shape.weights {
        (0, 0) => (1, 0),
        w => w,
    };
    let source = json!({
        "defaults": {"semi_minutes": 0.3, "manual_minutes": 0.6, "missing_minutes": 0.9,
                     "integration_cost": 1000},
        "objectives": {"growth": {}, "cost": {}},
        "strategies": {"main": {"weights": {"growth": a, "cost": b}}},
        "units": {"u0": {"hourly_cost": 60}, "u1": {}},
        "systems": systems,
        "integrations": integrations,
        "workflows": workflows,
        "fixes": fixes,
    });
    gapgraph::load_str(&source.to_string(), "model.json")
        .expect("the generated model is valid")
        .model
}

fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

/// Least minutes over the simple paths carrying `data`, each summed from the source outward,
/// and the fewest hops among the least; by enumeration.
fn brute_force(network: &Network, from: usize, to: usize, data: &str) -> Option<(f64, usize)> {
    #[allow(clippy::too_many_arguments)]
    fn walk(
        network: &Network,
        at: usize,
        to: usize,
        data: &str,
        minutes: f64,
        hops: usize,
        seen: &mut Vec<bool>,
        best: &mut Option<(f64, usize)>,
    ) {
        if at == to {
            let better = match best {
                None => true,
                Some((m, h)) => minutes < *m || (minutes == *m && hops < *h),
            };
            if better {
                *best = Some((minutes, hops));
            }
            return;
        }
        for hop in network.hops() {
            if hop.from.index() == at && !seen[hop.to.index()] && hop.carries.carries(data) {
                seen[hop.to.index()] = true;
                walk(
                    network,
                    hop.to.index(),
                    to,
                    data,
                    minutes + hop.minutes,
                    hops + 1,
                    seen,
                    best,
                );
                seen[hop.to.index()] = false;
            }
        }
    }
    let mut seen = vec![false; network.systems()];
    seen[from] = true;
    let mut best = None;
    walk(network, from, to, data, 0.0, 0, &mut seen, &mut best);
    best
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Every handoff resolves exactly as the reference resolves it, and every listed fix is
    /// the reference's, in the same order, with the same numbers.
    #[test]
    fn analyze_matches_the_reference(shape in shape(9)) {
        let model = model_of(&shape);
        let analysis = analyze(&model, model.default_strategy);
        let alignment = Alignment::new(&model, model.default_strategy);
        let (handoffs, fixes) = reference::ranked_fixes(&model, &alignment);
        prop_assert_eq!(&analysis.handoffs, &handoffs);
        let ids = |f: &[gapgraph::analysis::Fix]| {
            f.iter().map(|f| (f.id, f.action)).collect::<Vec<_>>()
        };
        prop_assert_eq!(ids(&analysis.fixes), ids(&fixes));
        for (fast, slow) in analysis.fixes.iter().zip(&fixes) {
            for (a, b) in [
                (fast.annual_hours_saved, slow.annual_hours_saved),
                (fast.annual_saving, slow.annual_saving),
                (fast.strategic_value, slow.strategic_value),
                (fast.priority.unwrap_or(-1.0), slow.priority.unwrap_or(-1.0)),
                (fast.payback_months.unwrap_or(-1.0), slow.payback_months.unwrap_or(-1.0)),
            ] {
                prop_assert!(close(a, b), "{:?}: {} vs {}", fast.id, a, b);
            }
            // The same handoffs, in the same order, and in fact bit for bit the same fix.
            prop_assert_eq!(fast, slow);
        }
    }

    /// A plan picks the same fixes, in the same order, with the same figures.
    #[test]
    fn plan_matches_the_reference(shape in shape(8), budget in prop::sample::select(vec![0.0, 1000.0, 2500.0, 1e9])) {
        let model = model_of(&shape);
        prop_assert_eq!(
            plan(&model, model.default_strategy, budget),
            reference::plan(&model, model.default_strategy, budget)
        );
    }

    /// A roadmap reads today's summary, the summary after the plan and what is left undone
    /// off the plan's own handoffs: exactly what analysing today's model and the model with
    /// every pick built gives.
    #[test]
    fn roadmap_matches_analyses_of_today_and_the_built_model(shape in shape(8), budget in prop::sample::select(vec![0.0, 1000.0, 2500.0, 1e9])) {
        let model = model_of(&shape);
        let strategy = model.default_strategy;
        let roadmap = gapgraph::decide::roadmap(&model, strategy, budget);
        let today = analyze(&model, strategy).summary;
        let built = gapgraph::decide::with_fixes(&model, &roadmap.plan.picks);
        let after = analyze(&built, strategy);
        prop_assert_eq!(roadmap.automation_before, today.automation_rate);
        prop_assert_eq!(roadmap.annual_hours_before.to_bits(), today.annual_hours.to_bits());
        prop_assert_eq!(roadmap.annual_cost_before.to_bits(), today.annual_cost.to_bits());
        prop_assert_eq!(roadmap.strategic_automation_after, after.summary.strategic_automation);
        prop_assert_eq!(roadmap.annual_hours_after.to_bits(), after.summary.annual_hours.to_bits());
        // The fixes of the built model, in its terms: the same ones, bit for bit, apart
        // from catalog indexes, which the roadmap gives in today's terms.
        prop_assert_eq!(roadmap.left_undone.len(), after.fixes.len());
        for (kept, fresh) in roadmap.left_undone.iter().zip(&after.fixes) {
            prop_assert_eq!(kept.id.text(&model), fresh.id.text(&built));
            let named_today = gapgraph::analysis::Fix { id: fresh.id, ..kept.clone() };
            prop_assert_eq!(&named_today, fresh);
        }
        if let Some(last) = roadmap.automation_after.last() {
            prop_assert_eq!(*last, after.summary.automation_rate);
        }
    }

    /// The engine's path minutes are the least over all simple paths, its reported path is a
    /// real path of those minutes with the fewest hops among the least.
    #[test]
    fn routes_match_brute_force(shape in shape(6)) {
        let model = model_of(&shape);
        let network = Network::of_model(&model);
        let alignment = Alignment::new(&model, model.default_strategy);
        for h in resolve_all(&model, &network, &alignment) {
            let expected = brute_force(&network, h.from.index(), h.to.index(), h.data(&model));
            prop_assert_eq!(h.path_minutes, expected.map(|(m, _)| m), "{}#{}", h.workflow.index(), h.step);
            if let Some((minutes, hops)) = expected {
                prop_assert_eq!(h.path.len(), hops);
                let mut at = h.from;
                let mut sum = 0.0;
                for id in &h.path {
                    let hop = network.hops().iter().find(|x| &x.id == id).unwrap();
                    prop_assert_eq!(hop.from, at);
                    prop_assert!(hop.carries.carries(h.data(&model)));
                    sum += hop.minutes;
                    at = hop.to;
                }
                prop_assert_eq!(at, h.to);
                prop_assert_eq!(sum, minutes);
            }
        }
    }
}

/// Trap 1 of the valuation notes: a fix that only offers a path of the same real length must
/// not look like a saving because a reverse search sums 0.1 + (0.2 + 0.3) = 0.6 while the
/// path today is summed (0.1 + 0.2) + 0.3 = 0.6000000000000001.
#[test]
fn an_equally_long_path_summed_in_another_order_saves_nothing() {
    let source = json!({
        "systems": {"s": {}, "a": {}, "b": {}, "t": {}, "v": {}},
        "integrations": [
            {"from": "s", "to": "a", "carries": ["order"], "mode": "semi", "minutes": 0.1},
            {"from": "a", "to": "b", "carries": ["order"], "mode": "semi", "minutes": 0.2},
            {"from": "b", "to": "t", "carries": ["order"], "mode": "semi", "minutes": 0.3},
            {"from": "v", "to": "a", "carries": ["order"], "mode": "semi", "minutes": 0.1}
        ],
        "workflows": {"w": {"runs": {"count": 1, "per": "day"}, "handoffs": [
            {"from": "s", "to": "t", "data": "order"},
            {"from": "s", "to": "v", "data": "order"}
        ]}}
    });
    let model = gapgraph::load_str(&source.to_string(), "model.json")
        .unwrap()
        .model;
    let analysis = analyze(&model, model.default_strategy);
    assert_eq!(analysis.handoffs[0].minutes, 0.1 + 0.2 + 0.3);
    let connect = analysis
        .fixes
        .iter()
        .find(|f| f.id.text(&model) == "s->v")
        .unwrap();
    // It lowers the handoff it connects, not the one whose new path is only as long.
    assert_eq!(connect.improves.len(), 1);
    assert_eq!(connect.improves[0].step, 2);
    let alignment = Alignment::new(&model, model.default_strategy);
    assert_eq!(
        analysis.fixes,
        reference::ranked_fixes(&model, &alignment).1
    );
}

/// A fixed pseudo-random sequence (64-bit LCG), for a large model that needs no proptest.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n
    }

    fn pair(&mut self, n: usize) -> (usize, usize) {
        let a = self.below(n);
        (a, (a + 1 + self.below(n - 1)) % n)
    }
}

/// Resolution searches a long list of handoffs on every core, in runs of about 8,192
/// handoffs once there are twice that many. A model whose handoffs, and whose missing
/// handoffs too (searched again over the graph that ignores data), are that many resolves
/// every handoff exactly as the reference resolves it.
#[test]
fn a_landscape_resolved_on_every_core_matches_the_reference() {
    let mut random = Lcg(0x9e37_79b9_7f4a_7c15);
    let n = 60;
    let integrations = (0..45)
        .map(|_| {
            let pair = random.pair(n);
            let minutes = (random.below(5) > 0).then(|| random.below(4));
            (
                pair,
                random.below(3) as u8,
                random.below(256) as u8,
                minutes,
                None,
            )
        })
        .collect();
    let workflows = (0..9_000)
        .map(|_| {
            let handoffs = (0..5)
                .map(|_| {
                    let pair = random.pair(n);
                    let minutes = (random.below(2) == 0).then(|| random.below(6) as u8);
                    (pair, random.below(3), minutes, None)
                })
                .collect();
            (1 + random.below(4) as u8, handoffs, random.below(4) as u8)
        })
        .collect();
    let shape = Shape {
        kinds: (0..n).map(|_| random.below(12) as u8).collect(),
        integrations,
        workflows,
        fixes: Vec::new(),
        weights: (1, 2),
    };
    let model = model_of(&shape);
    let network = Network::of_model(&model);
    let alignment = Alignment::new(&model, model.default_strategy);
    let ours = resolve_all(&model, &network, &alignment);
    let missing = ours
        .iter()
        .filter(|h| h.status == gapgraph::analysis::Status::Missing)
        .count();
    assert!(
        missing >= 2 * 8_192,
        "{missing} missing handoffs: too few to split"
    );
    assert_eq!(ours.len(), 45_000);
    let theirs = reference::resolve_all(&model, &network, &alignment);
    for (a, b) in ours.iter().zip(&theirs) {
        assert_eq!(a, b, "workflow {} step {}", a.workflow.index(), a.step);
    }
}

//! `sensitivity` against the straightforward method it replaces (`sensitivity_reference`:
//! a whole analysis of each sample): the same result, bit for bit, for the same seed, on
//! random models (small ones, whose gaps are valued over their closures, and ones with long
//! chains of hops carrying anything, whose gaps the whole graph's searches value), and on
//! samples the shortcut cannot take.

use gapgraph::analysis::{analyze, Revaluation};
use gapgraph::decide::{sensitivity, sensitivity_reference, SensitivityOptions};
use gapgraph::model::{Model, StrategyIx};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

use crate::engine_equivalence::{model_of, shape};
use crate::properties::arb_model;

/// The two methods' results for `options`, compared whole (every share and rank).
fn same(model: &Model, options: SensitivityOptions) -> Result<(), TestCaseError> {
    let mut calls = 0;
    let fast = sensitivity(model, options, &mut |done| {
        calls += 1;
        assert_eq!(done, calls);
    });
    prop_assert_eq!(calls, options.samples);
    let reference = sensitivity_reference(model, options, &mut |_| {});
    prop_assert_eq!(&fast, &reference);
    // Bit for bit: f64 equality would let 0.0 and -0.0 pass.
    for (a, b) in fast.unwrap().fixes.iter().zip(reference.unwrap().fixes) {
        prop_assert_eq!(a.top_share.to_bits(), b.top_share.to_bits());
        let bits = |x: Option<f64>| x.map(f64::to_bits);
        prop_assert_eq!(bits(a.overtaken_by_next), bits(b.overtaken_by_next));
    }
    Ok(())
}

fn options(strategy: Option<StrategyIx>, spread: f64, seed: u64, top: usize) -> SensitivityOptions {
    SensitivityOptions {
        strategy,
        spread,
        samples: 12,
        seed,
        top,
    }
}

/// A model whose hops carrying anything chain `n` systems (so the closures of the gaps on
/// the chain hold more systems than a closure may), with `extra` hops and `handoffs` on top:
/// (from, steps on to the target, mode or data), `n` above every step.
fn chain_model(n: usize, extra: &[(usize, usize, u8)], handoffs: &[(usize, usize, u8)]) -> Model {
    let mut systems = Map::new();
    for s in 0..n {
        let kind = if s % 11 == 7 {
            "spreadsheet"
        } else {
            "application"
        };
        systems.insert(format!("s{s}"), json!({"kind": kind}));
    }
    let mode = |m: u8| ["automated", "semi", "manual"][m as usize % 3];
    let mut integrations: Vec<Value> = (0..n - 1)
        .map(|s| {
            json!({
                "id": format!("c{s}"), "from": format!("s{s}"), "to": format!("s{}", s + 1),
                "carries": ["*"], "mode": (mode(s as u8)), "minutes": 0.5 + (s % 4) as f64,
            })
        })
        .collect();
    for (i, (from, to, m)) in extra.iter().enumerate() {
        let carries = if m % 2 == 0 {
            json!(["order"])
        } else {
            json!(["invoice", "order"])
        };
        integrations.push(json!({
            "id": format!("x{i}"), "from": format!("s{}", from % n),
            "to": format!("s{}", (from + to) % n), "carries": carries, "mode": (mode(*m)),
        }));
    }
    let handoffs: Vec<Value> = handoffs
        .iter()
        .map(|(from, to, d)| {
            let mut h = json!({
                "from": format!("s{}", from % n), "to": format!("s{}", (from + to) % n),
                "data": (["order", "invoice", "status"][*d as usize % 3]),
            });
            if d % 4 == 1 {
                h["minutes"] = json!(4.5);
            }
            h
        })
        .collect();
    let source = json!({
        "defaults": {"semi_minutes": 2, "manual_minutes": 6, "missing_minutes": 9},
        "objectives": {"growth": {}, "cost": {}},
        "strategies": {"main": {"weights": {"growth": 2, "cost": 1}}},
        "systems": systems,
        "integrations": integrations,
        "workflows": {
            "w0": {
                "runs": {"count": 40, "per": "week"}, "serves": {"growth": 1},
                "handoffs": handoffs,
            },
        },
        "fixes": [{"id": "f0", "from": "s1", "to": format!("s{}", n - 2), "cost": 700}],
    });
    gapgraph::load_str(&source.to_string(), "model.json")
        .expect("the generated model is valid")
        .model
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    /// Models whose minutes tie in real numbers but not always in floating point.
    #[test]
    fn sensitivity_matches_the_reference(
        shape in shape(9),
        spread in prop::sample::select(vec![0.0, 0.3, 1.0, 5.0]),
        seed in any::<u64>(),
        top in 1usize..5,
    ) {
        let model = model_of(&shape);
        same(&model, options(model.default_strategy, spread, seed, top))?;
    }

    /// Models with stated minutes of 0, several strategies or none, catalogued fixes.
    #[test]
    fn sensitivity_matches_the_reference_on_other_models(
        model in arb_model(),
        spread in prop::sample::select(vec![0.1, 0.3, 2.0]),
        seed in any::<u64>(),
    ) {
        same(&model, options(model.default_strategy, spread, seed, 3))?;
    }

    /// Gaps on long chains, valued by the whole graph's searches, next to local ones.
    #[test]
    fn sensitivity_matches_the_reference_on_long_chains(
        n in 34usize..48,
        extra in prop::collection::vec((0usize..48, 1usize..34, 0u8..6), 0..12),
        handoffs in prop::collection::vec((0usize..48, 1usize..34, 0u8..8), 1..14),
        seed in any::<u64>(),
    ) {
        let model = chain_model(n, &extra, &handoffs);
        same(&model, options(model.default_strategy, 0.3, seed, 3))?;
    }
}

#[test]
fn long_chains_are_left_to_the_whole_graphs_searches() {
    let model = chain_model(40, &[(3, 6, 2)], &[(0, 39, 0), (2, 28, 1), (5, 1, 2)]);
    let analysis = analyze(&model, model.default_strategy);
    assert!(!analysis.fixes.is_empty());
    // s0 -> s39 and s2 -> s30 ride the chain of 39 hops; s5 -> s6 too: every gap is searched.
    assert_eq!(Revaluation::new(&model, &analysis).searched(), 3);
    let source = include_str!("../../fixtures/valid/seed.yaml");
    let small = gapgraph::load_str(source, "seed.yaml").unwrap().model;
    let analysis = analyze(&small, small.default_strategy);
    assert!(!analysis.fixes.is_empty());
    assert_eq!(Revaluation::new(&small, &analysis).searched(), 0);
}

/// A hop of minutes so small that a factor below 1/2 rounds them to 0 changes what the
/// shortcut relies on: such a sample is refused, and `sensitivity` values it by a whole
/// analysis, still giving the reference's result.
#[test]
fn a_sample_the_shortcut_cannot_take_is_analysed_whole() {
    let mut model = chain_model(5, &[], &[(0, 4, 0), (1, 2, 2)]);
    // Not a figure a model file may give (the validator's least is 1e-9): set by hand.
    model.integrations[1].minutes = Some(f64::from_bits(1));
    let analysis = analyze(&model, model.default_strategy);
    let mut revaluation = Revaluation::new(&model, &analysis);
    let mut saved = Vec::new();
    assert!(revaluation.value(&model, &mut saved));
    let mut sample = model.clone();
    sample.integrations[1].minutes = Some(f64::from_bits(1) * 0.4);
    assert_eq!(sample.integrations[1].minutes, Some(0.0));
    assert!(!revaluation.value(&sample, &mut saved));
    let options = SensitivityOptions {
        samples: 60,
        ..options(model.default_strategy, 100.0, 9, 2)
    };
    same(&model, options).unwrap();
}

//! How long the analysis takes: on generated models of growing size (every handoff resolved
//! and every fix candidate valued alone against the whole model), and on the benchmark
//! models E0/E1 of `../shared/bench` when `GAPGRAPH_BENCH_DIR` names a directory holding
//! `e0.json`, `e1.json` (`benches/e2e.sh` writes them). Loading is timed apart.

#[path = "support/generate.rs"]
mod generate;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

fn bench_analyze(c: &mut Criterion) {
    let mut group = c.benchmark_group("analyze");
    group.sample_size(10);
    for units in [1, 4, 10] {
        let source = generate::generated_model(units);
        let model = gapgraph::load_str(&source, "bench.yaml")
            .expect("generated model is valid")
            .model;
        group.bench_with_input(
            BenchmarkId::new("systems", units * 30),
            &model,
            |b, model| b.iter(|| gapgraph::analysis::analyze(model, model.default_strategy)),
        );
    }
    group.finish();
}

/// The engine alone (no loading, no rendering) on the benchmark models, when present.
fn bench_engine(c: &mut Criterion) {
    let Ok(dir) = std::env::var("GAPGRAPH_BENCH_DIR") else {
        return;
    };
    let mut group = c.benchmark_group("engine");
    group.sample_size(10);
    for name in ["e0", "e1", "e2"] {
        let Ok(source) = std::fs::read_to_string(format!("{dir}/{name}.json")) else {
            continue;
        };
        let model = gapgraph::load_str(&source, "bench.json")
            .expect("benchmark model is valid")
            .model;
        group.bench_with_input(BenchmarkId::new("analyze", name), &model, |b, model| {
            b.iter(|| gapgraph::analysis::analyze(model, model.default_strategy))
        });
        if name == "e1" {
            group.bench_with_input(BenchmarkId::new("plan-600000", name), &model, |b, model| {
                b.iter(|| gapgraph::analysis::plan(model, model.default_strategy, 600_000.0))
            });
        }
    }
    group.finish();
}

fn bench_load(c: &mut Criterion) {
    let source = generate::generated_model(10);
    c.bench_function("load/300 systems", |b| {
        b.iter(|| gapgraph::load_str(&source, "bench.yaml").unwrap())
    });
}

criterion_group!(benches, bench_analyze, bench_engine, bench_load);
criterion_main!(benches);

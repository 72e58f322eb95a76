//! How long the analysis takes on generated models of growing size: every handoff
//! resolved and every fix candidate valued alone against the whole model.

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

fn bench_load(c: &mut Criterion) {
    let source = generate::generated_model(10);
    c.bench_function("load/300 systems", |b| {
        b.iter(|| gapgraph::load_str(&source, "bench.yaml").unwrap())
    });
}

criterion_group!(benches, bench_analyze, bench_load);
criterion_main!(benches);

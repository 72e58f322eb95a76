use super::*;

fn seed() -> Model {
    let source = include_str!("../../../fixtures/valid/seed.yaml");
    crate::load_str(source, "seed.yaml").unwrap().model
}

fn system(model: &Model, id: &str) -> SystemIx {
    model.system_index(id).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn no_change_is_an_empty_impact() {
    let model = seed();
    let none = impact(&model, model.default_strategy, None, Some(20_000.0));
    assert!(none.change.is_none() && none.handoffs.is_empty() && none.fixes.is_empty());
    for c in &none.diff.summary {
        assert_eq!(c.before, c.after, "{}", c.name);
    }
}

#[test]
fn each_system_loss_is_the_single_impact() {
    let model = seed();
    let losses = system_losses(&model, model.default_strategy);
    assert_eq!(losses.len(), model.systems.len());
    for loss in &losses {
        let one = impact(
            &model,
            model.default_strategy,
            Some(Change::RemoveSystem(loss.system)),
            None,
        );
        let delta = |name: &str| {
            let (b, a) = one.total(name).unwrap();
            a.unwrap() - b.unwrap()
        };
        let id = &model.system(loss.system).id;
        assert!(close(loss.annual_hours, delta("annual_hours")), "{id}");
        assert!(close(loss.annual_cost, delta("annual_cost")), "{id}");
        assert!(
            close(loss.strategic_value, delta("strategic_value")),
            "{id}"
        );
        assert_eq!(loss.handoffs, one.handoffs.len(), "{id}");
    }
    // Costliest first.
    assert!(losses
        .windows(2)
        .all(|w| w[0].annual_cost >= w[1].annual_cost));
}

#[test]
fn replacing_a_system_repoints_and_drops_self_loops() {
    let model = seed();
    let (payments, accounting) = (system(&model, "payments"), system(&model, "accounting"));
    let edited = apply(
        &model,
        Change::ReplaceSystem {
            from: payments,
            with: accounting,
        },
    );
    // accounting -> payments and payments -> accounting would join accounting to itself.
    assert!(edited
        .model
        .integrations
        .iter()
        .all(|i| i.from != payments && i.to != payments && i.from != i.to));
    assert_eq!(
        edited.model.integrations.len(),
        model.integrations.len() - 2
    );
    // The catalogued webhook payments -> crm now starts at accounting, under its own id.
    let webhook = edited
        .model
        .fixes
        .iter()
        .find(|f| f.id == "payment-webhook");
    assert_eq!(webhook.unwrap().from, accounting);
    // Two lead-to-cash handoffs ran between accounting and payments: dropped.
    let dropped = edited.handoffs[0].iter().filter(|s| s.is_none()).count();
    assert_eq!(dropped, 2);
    assert_eq!(edited.notes.len(), 4, "{:?}", edited.notes);
}

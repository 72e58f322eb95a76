//! A model with fixes built: what a plan's picks do to the landscape.

use crate::analysis::{Action, Fix};
use crate::model::{Integration, Mode, Model};

/// `model` with `fixes` built, as docs/scoring.md, section 3 describes their effect: automate
/// makes its integration automated; connect and catalog add an automated integration
/// carrying what the fix carries (a catalog entry, once built, is no longer an option).
pub fn with_fixes<'a>(today: &Model, fixes: impl IntoIterator<Item = &'a Fix>) -> Model {
    let mut model = today.clone();
    for fix in fixes {
        match (fix.action, fix.integration) {
            (Action::Automate, Some(i)) => model.integrations[i.index()].mode = Mode::Automated,
            _ => {
                // Fix ids index `today`, whose catalog keeps its order while `model`'s shrinks.
                let id = fix.id.text(today);
                if fix.action == Action::Catalog {
                    model.fixes.retain(|f| f.id != id);
                }
                model.integrations.push(Integration {
                    id: id.into_owned(),
                    from: fix.from,
                    to: fix.to,
                    carries: fix.carries.clone(),
                    mode: Mode::Automated,
                    minutes: None,
                    fix_cost: None,
                    run_cost: Some(fix.run_cost),
                    actual_cost: None,
                    sources: crate::model::Sources::default(),
                    via: None,
                    name: fix.name(today).map(str::to_string),
                    note: None,
                });
            }
        }
    }
    model
}

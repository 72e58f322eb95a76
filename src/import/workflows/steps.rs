//! Who does a step (applications, system software, people) and what data its handoffs
//! carry (docs/import-archimate.md, "Workflows").

use std::collections::HashMap;

use super::super::draft::Assumable;
use super::super::mapping::{self, owners, Applications, Index};
use super::super::oef::Relationship;
use super::Processes;

/// Behaviour elements that are steps of a process chain.
pub const PROCESS_STEPS: [&str; 4] = [
    "BusinessProcess",
    "BusinessInteraction",
    "ApplicationProcess",
    "ApplicationInteraction",
];
/// Behaviour elements whose Flows between each other are workflows of their own.
pub const FUNCTION_STEPS: [&str; 1] = ["BusinessFunction"];
const PEOPLE: [&str; 3] = ["BusinessRole", "BusinessActor", "BusinessCollaboration"];
const OBJECTS: [&str; 2] = ["BusinessObject", "DataObject"];

/// The systems serving a step, in the file order of the systems: a component serving it
/// or assigned to it, or realising an application service or providing an application
/// interface that serves it; SystemSoftware serving it, or realising a technology service
/// that serves it. A step with none of these takes the components assigned to the
/// behaviour that composes or aggregates it (an application process's parent).
pub fn serving_systems(index: &Index, apps: &mut Applications, step: &str) -> Vec<usize> {
    let mut out = own_systems(index, apps, step);
    if out.is_empty() {
        let parents: Vec<&str> = index
            .into(step, &["Composition", "Aggregation"])
            .map(|r| r.source.as_str())
            .collect();
        for parent in parents {
            for r in index.into(parent, &["Assignment"]) {
                if index.kind(&r.source) == Some("ApplicationComponent") {
                    push_system(apps, &mut out, &r.source);
                }
            }
        }
    }
    out.sort_unstable();
    out
}

fn own_systems(index: &Index, apps: &mut Applications, step: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for r in index.into(step, &["Serving", "Assignment"]) {
        let assigned = r.kind == "Assignment";
        match index.kind(&r.source) {
            Some("ApplicationComponent") => push_system(apps, &mut out, &r.source),
            Some("ApplicationService" | "ApplicationInterface") if !assigned => {
                for c in owners(index, &r.source) {
                    push_system(apps, &mut out, c);
                }
            }
            Some("SystemSoftware") if !assigned => push_platform(index, apps, &mut out, &r.source),
            Some("TechnologyService") if !assigned => {
                let software: Vec<&str> = index
                    .into(&r.source, &["Realization"])
                    .filter(|s| index.kind(&s.source) == Some("SystemSoftware"))
                    .map(|s| s.source.as_str())
                    .collect();
                for s in software {
                    push_platform(index, apps, &mut out, s);
                }
            }
            _ => {}
        }
    }
    out
}

fn push_system(apps: &Applications, out: &mut Vec<usize>, component: &str) {
    if let Some(&s) = apps.system_of.get(component) {
        if !out.contains(&s) {
            out.push(s);
        }
    }
}

fn push_platform(index: &Index, apps: &mut Applications, out: &mut Vec<usize>, id: &str) {
    if let Some(s) = mapping::platform(index, apps, id) {
        if !out.contains(&s) {
            out.push(s);
        }
    }
}

pub fn linked_to_function(index: &Index, process: &str) -> bool {
    let is_function = |id: &str| index.kind(id) == Some("BusinessFunction");
    index
        .into(process, &["Serving", "Composition", "Aggregation"])
        .any(|r| is_function(&r.source))
        || index
            .out(process, &["Serving", "Realization"])
            .any(|r| is_function(&r.target))
}

/// The systems of a step: the applications serving it; else the role or actor assigned to
/// it, as a `person` system; else none (the file does not say who does it: the chain is
/// bridged over it).
pub fn step_systems(
    index: &Index,
    apps: &mut Applications,
    served: &HashMap<&str, Vec<usize>>,
    step: &str,
    out: &mut Processes,
) -> Vec<usize> {
    if let Some(systems) = served.get(step).filter(|s| !s.is_empty()) {
        return systems.clone();
    }
    if linked_to_function(index, step) {
        out.steps_by_function += 1;
    }
    let role = index
        .into(step, &["Assignment"])
        .find(|r| index.kind(&r.source).is_some_and(|k| PEOPLE.contains(&k)))
        .map(|r| index.element_name(&r.source));
    match role {
        Some(role) => {
            out.steps_by_people += 1;
            vec![apps.person(&role)]
        }
        None => {
            Applications::count(
                &mut apps.skipped,
                "steps with no application and no role (bridged)",
            );
            Vec::new()
        }
    }
}

pub fn is_person(apps: &Applications, system: usize) -> bool {
    apps.systems[system]
        .kind
        .as_ref()
        .is_some_and(|k| k.value == "person")
}

/// How a step accesses an object. The format's default `accessType` is `Write`.
fn writes(r: &Relationship) -> bool {
    matches!(r.access.as_deref(), None | Some("Write" | "ReadWrite"))
}

fn reads(r: &Relationship) -> bool {
    matches!(r.access.as_deref(), Some("Read" | "ReadWrite" | "Access"))
}

/// The objects a step accesses, in file order of the objects, with the access.
fn accessed<'a>(index: &Index<'a>, step: &str) -> Vec<(&'a str, &'a Relationship)> {
    let mut out: Vec<(&'a str, &'a Relationship)> = index
        .out(step, &["Access"])
        .filter(|r| index.kind(&r.target).is_some_and(|k| OBJECTS.contains(&k)))
        .map(|r| (r.target.as_str(), r))
        .collect();
    out.sort_by_key(|(id, _)| index.position(id));
    out
}

/// The data of a handoff between two steps that the file names through the objects they
/// access: one `from` writes and `to` reads; else one both access; else one `from` writes
/// (assumed: the file does not say the next step uses it).
pub fn accessed_data(index: &Index, from: &str, to: &str) -> Option<Assumable<String>> {
    let mine = accessed(index, from);
    let theirs = accessed(index, to);
    let written_and_read = mine
        .iter()
        .find(|(o, r)| writes(r) && theirs.iter().any(|(t, tr)| t == o && reads(tr)));
    let shared = || {
        mine.iter()
            .find(|(o, _)| theirs.iter().any(|(t, _)| t == o))
    };
    if let Some((o, _)) = written_and_read.or_else(shared) {
        return Some(Assumable::given(index.element_name(o)));
    }
    mine.iter().find(|(_, r)| writes(r)).map(|(o, _)| {
        Assumable::assumed(
            index.element_name(o),
            "the step handing over writes it; the file does not say the next one uses it",
        )
    })
}

/// The data handed between the systems of one step: the object it writes, else the first it
/// accesses; else its name (assumed).
pub fn inside_data(index: &Index, step: &str) -> Assumable<String> {
    let objects = accessed(index, step);
    let object = objects
        .iter()
        .find(|(_, r)| writes(r))
        .or_else(|| objects.first());
    match object {
        Some((o, _)) => Assumable::given(index.element_name(o)),
        None => Assumable::assumed(
            index.element_name(step),
            "the file names no data inside this step; named after the step",
        ),
    }
}

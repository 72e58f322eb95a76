//! Chains of BusinessProcesses -> workflows, and the Goals / Drivers / Outcomes their steps
//! are linked to -> objectives (docs/import-archimate.md).

use std::collections::HashMap;

use super::draft::{Assumable, DraftHandoff, DraftWorkflow, Runs};
use super::mapping::{parse_amount, Applications, Index};
use super::oef::Property;
use super::slug::Ids;

mod chain;
mod steps;

use chain::{chains, links, order, reach, Adjacency, Link};
use steps::{
    accessed_data, inside_data, is_person, linked_to_function, serving_systems, step_systems,
    FUNCTION_STEPS, PROCESS_STEPS,
};

const MOTIVATION: [&str; 3] = ["Goal", "Driver", "Outcome"];
const FREQUENCY_KEYS: [&str; 6] = [
    "frequency",
    "frequentie",
    "fréquence",
    "frequence",
    "runs",
    "volume",
];
const OWNER_KEYS: [&str; 4] = ["owner", "eigenaar", "propriétaire", "proprietaire"];

/// What the process layer became.
#[derive(Debug, Default)]
pub struct Processes {
    pub workflows: Vec<DraftWorkflow>,
    /// (id, name) of objectives, file order.
    pub objectives: Vec<(String, String)>,
    pub steps_by_people: usize,
    pub steps_by_function: usize,
}

/// Ids handed out so far, across all workflows.
#[derive(Default)]
struct Naming<'a> {
    workflows: Ids,
    objectives: Ids,
    objective_of: HashMap<&'a str, String>,
}

/// Which kind of group a chain is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Group {
    /// Processes, interactions, application processes (and the functions they hand to).
    Processes,
    /// Business functions and the Flows between them.
    Functions,
}

pub fn workflows(index: &Index, apps: &mut Applications) -> Processes {
    let mut out = Processes::default();
    let is_kind = |id: &str, kinds: &[&str]| index.kind(id).is_some_and(|k| kinds.contains(&k));
    let is_process = |id: &str| is_kind(id, &PROCESS_STEPS);
    let is_function = |id: &str| is_kind(id, &FUNCTION_STEPS);
    let of_kinds = |kinds: &[&str]| -> Vec<&str> {
        let elements = index.oef.elements.iter();
        elements
            .filter(|e| kinds.contains(&e.kind.as_str()))
            .map(|e| e.id.as_str())
            .collect()
    };
    let processes = of_kinds(&PROCESS_STEPS);
    let functions = of_kinds(&FUNCTION_STEPS);
    let mut steps: Vec<&str> = of_kinds(&[PROCESS_STEPS.as_slice(), &FUNCTION_STEPS].concat());
    steps.sort_by_key(|id| index.position(id));
    let all = links(index, &steps, |id| is_process(id) || is_function(id), apps);
    let (function_links, process_links): (Vec<Link>, Vec<Link>) = all
        .into_iter()
        .partition(|l| is_function(l.from) && is_function(l.to));
    let mut naming = Naming::default();
    for (group, links, seeds) in [
        (Group::Processes, &process_links, &processes),
        (Group::Functions, &function_links, &functions),
    ] {
        let adjacency = Adjacency::new(links);
        let expands = |id: &str| group == Group::Functions || is_process(id);
        for chain in chains(seeds, &adjacency, expands) {
            let steps = order(&chain, links, &adjacency);
            let found = Chain {
                group,
                steps: &steps,
                links,
                adjacency: &adjacency,
            };
            if let Some(w) = workflow(index, apps, &found, &mut naming, &mut out) {
                out.workflows.push(w);
            }
        }
    }
    out
}

/// One connected group of steps, in order.
struct Chain<'c, 'a> {
    group: Group,
    steps: &'c [&'a str],
    links: &'c [Link<'a>],
    adjacency: &'c Adjacency<'a>,
}

/// A chain as a workflow; `None`, counted as skipped, when no application serves its steps
/// or it hands nothing over between systems.
fn workflow<'a>(
    index: &Index<'a>,
    apps: &mut Applications,
    chain: &Chain<'_, 'a>,
    naming: &mut Naming<'a>,
    out: &mut Processes,
) -> Option<DraftWorkflow> {
    let steps = chain.steps;
    let served: HashMap<&str, Vec<usize>> = steps
        .iter()
        .map(|p| (*p, serving_systems(index, apps, p)))
        .collect();
    if served.values().all(Vec::is_empty) {
        let reason = match chain.group {
            Group::Functions => {
                "business function groups with no function linked to an application"
            }
            Group::Processes if steps.iter().any(|p| linked_to_function(index, p)) => {
                "process chains linked to business functions, not applications"
            }
            Group::Processes => "process chains with no step linked to an application",
        };
        Applications::count(&mut apps.skipped, reason);
        return None;
    }
    let support: HashMap<&str, Vec<usize>> = steps
        .iter()
        .map(|p| (*p, step_systems(index, apps, &served, p, out)))
        .collect();
    let handoffs = handoffs(index, apps, chain, &support);
    if handoffs.is_empty() {
        let reason = match chain.group {
            Group::Functions => "business function groups done in one system",
            Group::Processes => "process chains done in one system",
        };
        Applications::count(&mut apps.skipped, reason);
        return None;
    }
    let head = chain_head(index, steps, chain.group);
    let name = match chain.group {
        Group::Functions if head == steps[0] => {
            format!("Business functions from {}", index.element_name(head))
        }
        _ => index.element_name(head),
    };
    // Frequency and owner are read on the process that names the chain, else its first step.
    let properties: Vec<Property> = [head, steps[0]]
        .iter()
        .filter_map(|id| index.element(id))
        .flat_map(|e| e.properties.iter().cloned())
        .collect();
    let properties = properties.as_slice();
    let runs = runs(index, properties);
    let serves = served_objectives(index, steps, naming, out);
    Some(DraftWorkflow {
        id: naming.workflows.take(&name, "workflow"),
        name,
        owner: index.property(properties, &OWNER_KEYS).map(str::to_string),
        runs,
        serves: Assumable::assumed(
            serves,
            "a step is linked to each; how much it serves it is yours to weigh",
        ),
        handoffs,
        unit: None,
    })
}

/// How often the chain runs, from its frequency property; once a day, assumed, without one.
fn runs(index: &Index, properties: &[Property]) -> Assumable<Runs> {
    index
        .property(properties, &FREQUENCY_KEYS)
        .and_then(parse_runs)
        .map_or_else(
            || {
                Assumable::assumed(
                    Runs {
                        count: 1.0,
                        per: "day",
                    },
                    "the file gives no frequency; set how often it runs",
                )
            },
            Assumable::given,
        )
}

/// The objectives the chain's steps are linked to, each made on first use.
fn served_objectives<'a>(
    index: &Index<'a>,
    steps: &[&'a str],
    naming: &mut Naming<'a>,
    out: &mut Processes,
) -> Vec<(String, f64)> {
    let mut serves = Vec::new();
    for step in steps {
        for goal in motivations(index, step) {
            let id = naming.objective_of.entry(goal).or_insert_with(|| {
                let name = index.element_name(goal);
                let id = naming.objectives.take(&name, "objective");
                out.objectives.push((id.clone(), name));
                id.clone()
            });
            if !serves.iter().any(|(o, _)| o == id) {
                serves.push((id.clone(), 1.0));
            }
        }
    }
    serves
}

/// In step order: for a process step two applications serve, a handoff from one to the
/// other inside it; then one handoff to each step it hands over to.
fn handoffs(
    index: &Index,
    apps: &mut Applications,
    chain: &Chain,
    support: &HashMap<&str, Vec<usize>>,
) -> Vec<DraftHandoff> {
    let mut out = Vec::new();
    for &from in chain.steps.iter().filter(|p| !support[**p].is_empty()) {
        let systems = &support[from];
        let is_process = index.kind(from).is_some_and(|k| PROCESS_STEPS.contains(&k));
        if chain.group == Group::Processes && is_process && !is_person(apps, systems[0]) {
            match systems.len() {
                1 => {}
                2 => {
                    // The direction an integration already connects, else file order.
                    let (a, b) = (systems[0], systems[1]);
                    let reverse = !apps.integration_of.contains_key(&(a, b))
                        && apps.integration_of.contains_key(&(b, a));
                    let (a, b) = if reverse { (b, a) } else { (a, b) };
                    out.push(inside(index, apps, from, systems, a, b));
                }
                _ => Applications::count(
                    &mut apps.skipped,
                    "handoffs inside steps served by three or more systems (the file gives no order)",
                ),
            }
        }
        for (link, to, bridged) in reach(chain.links, chain.adjacency, support, from) {
            let (a, b) = pick_pair(apps, &support[from], &support[to]);
            if a == b {
                continue;
            }
            if is_person(apps, a) && is_person(apps, b) {
                Applications::count(
                    &mut apps.skipped,
                    "handoffs between two roles, no system in them",
                );
                continue;
            }
            out.push(handoff(index, apps, &link, to, &bridged, a, b));
        }
    }
    out
}

/// The handoff inside a step served by two applications.
fn inside(
    index: &Index,
    apps: &Applications,
    step: &str,
    systems: &[usize],
    a: usize,
    b: usize,
) -> DraftHandoff {
    let names: Vec<&str> = systems
        .iter()
        .map(|s| apps.systems[*s].name.as_str())
        .collect();
    DraftHandoff {
        from: apps.systems[a].id.clone(),
        to: apps.systems[b].id.clone(),
        data: inside_data(index, step),
        note: Some(format!(
            "inside {}: served by {}",
            index.element_name(step),
            names.join(", ")
        )),
        minutes: None,
        by: None,
    }
}

/// The two systems a handoff runs between: none when the steps share a system; else a
/// pair an integration already connects; else the first of each.
fn pick_pair(apps: &Applications, from: &[usize], to: &[usize]) -> (usize, usize) {
    if let Some(shared) = from.iter().find(|s| to.contains(s)) {
        return (*shared, *shared);
    }
    for a in from {
        for b in to {
            if apps.integration_of.contains_key(&(*a, *b)) {
                return (*a, *b);
            }
        }
    }
    (from[0], to[0])
}

fn handoff(
    index: &Index,
    apps: &Applications,
    link: &Link,
    to: &str,
    bridged: &[&str],
    a: usize,
    b: usize,
) -> DraftHandoff {
    let mut note = index.element_name(link.from);
    for step in bridged.iter().copied().chain([to]) {
        note.push_str(" -> ");
        note.push_str(&index.element_name(step));
    }
    let accessed = accessed_data(index, link.from, link.to);
    let integration = apps
        .integration_of
        .get(&(a, b))
        .map(|&i| &apps.integrations[i])
        .filter(|g| g.carries.assumed.is_none());
    let data = if let Some(name) = link.name {
        Assumable::given(name.to_string())
    } else if let Some(object) = accessed {
        object
    } else if let Some(g) = integration {
        Assumable::assumed(
            g.carries.value[0].clone(),
            "the file names no data for this step; taken from the integration between the two",
        )
    } else {
        Assumable::assumed(
            index.element_name(link.from),
            "the file names no data for this step; named after the step that hands over",
        )
    };
    DraftHandoff {
        from: apps.systems[a].id.clone(),
        to: apps.systems[b].id.clone(),
        data,
        note: Some(note),
        minutes: None,
        by: None,
    }
}

/// A workflow is named after the behaviour of the same kind family (process-like, or a
/// function) that composes its first step, else that step.
fn chain_head<'a>(index: &Index<'a>, steps: &[&'a str], group: Group) -> &'a str {
    let kinds: &[&str] = match group {
        Group::Processes => &PROCESS_STEPS,
        Group::Functions => &FUNCTION_STEPS,
    };
    index
        .into(steps[0], &["Composition", "Aggregation"])
        .find(|r| index.kind(&r.source).is_some_and(|k| kinds.contains(&k)))
        .map_or(steps[0], |r| r.source.as_str())
}

/// Goals, Drivers and Outcomes linked to a step by any relationship, either direction.
fn motivations<'a>(index: &Index<'a>, step: &str) -> Vec<&'a str> {
    let mut out: Vec<&'a str> = index
        .outgoing
        .get(step)
        .into_iter()
        .flatten()
        .map(|r| r.target.as_str())
        .chain(
            index
                .incoming
                .get(step)
                .into_iter()
                .flatten()
                .map(|r| r.source.as_str()),
        )
        .filter(|id| index.kind(id).is_some_and(|k| MOTIVATION.contains(&k)))
        .collect();
    out.sort_by_key(|id| index.position(id));
    out.dedup();
    out
}

/// `400`, `400/month`, `400 per month`, `400 a week`; a bare number is per month.
fn parse_runs(text: &str) -> Option<Runs> {
    let text = text.trim().to_lowercase();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ',' | ' ')))
        .unwrap_or(text.len());
    let count = parse_amount(&text[..split]).filter(|n| *n > 0.0)?;
    let rest = text[split..].trim_start_matches(['/', ' ']);
    let rest = rest
        .strip_prefix("per ")
        .or_else(|| rest.strip_prefix("a "))
        .unwrap_or(rest)
        .trim();
    let per = match rest {
        "" | "month" | "m" | "maand" | "mois" => "month",
        "day" | "d" | "dag" | "jour" => "day",
        "week" | "w" | "semaine" => "week",
        "quarter" | "q" | "kwartaal" | "trimestre" => "quarter",
        "year" | "y" | "jaar" | "an" | "année" | "annee" => "year",
        _ => return None,
    };
    Some(Runs { count, per })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequencies_in_several_spellings() {
        let r = parse_runs("400/month").unwrap();
        assert_eq!((r.count, r.per), (400.0, "month"));
        let r = parse_runs("20 per week").unwrap();
        assert_eq!((r.count, r.per), (20.0, "week"));
        let r = parse_runs("12").unwrap();
        assert_eq!((r.count, r.per), (12.0, "month"));
        let r = parse_runs("3 per jaar").unwrap();
        assert_eq!((r.count, r.per), (3.0, "year"));
        assert!(parse_runs("often").is_none());
        assert!(parse_runs("0/day").is_none());
    }
}

//! Chains of BusinessProcesses -> workflows, and the Goals / Drivers / Outcomes their steps
//! are linked to -> objectives (docs/import-archimate.md).

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

use super::draft::{Assumable, DraftHandoff, DraftWorkflow, Runs};
use super::mapping::{owners, parse_amount, Applications, Index};
use super::oef::Property;
use super::slug::Ids;

/// Elements a chain passes through without being a step.
const PASS_THROUGH: [&str; 4] = ["AndJunction", "OrJunction", "Junction", "BusinessEvent"];
const CHAIN: [&str; 2] = ["Triggering", "Flow"];
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

/// One step-to-step edge of a chain.
struct Link<'a> {
    from: &'a str,
    to: &'a str,
    name: Option<&'a str>,
}

pub fn workflows(index: &Index, apps: &mut Applications) -> Processes {
    let mut out = Processes::default();
    let processes: Vec<&str> = index
        .oef
        .elements
        .iter()
        .filter(|e| e.kind == "BusinessProcess")
        .map(|e| e.id.as_str())
        .collect();
    let links = links(index, &processes, apps);
    let adjacency = Adjacency::new(&links);
    let mut workflow_ids = Ids::default();
    let mut objective_ids = Ids::default();
    let mut objective_of: HashMap<&str, String> = HashMap::new();
    for chain in chains(&processes, &adjacency) {
        let steps: Vec<&str> = order(&chain, &links, &adjacency);
        let served: HashMap<&str, Vec<usize>> = steps
            .iter()
            .map(|p| (*p, serving_systems(index, apps, p)))
            .collect();
        if served.values().all(Vec::is_empty) {
            let by_function = steps.iter().any(|p| linked_to_function(index, p));
            let reason = if by_function {
                "process chains linked to business functions, not applications"
            } else {
                "process chains with no step linked to an application"
            };
            Applications::count(&mut apps.skipped, reason);
            continue;
        }
        let support: HashMap<&str, Vec<usize>> = steps
            .iter()
            .map(|p| (*p, step_systems(index, apps, &served, p, &mut out)))
            .collect();
        let mut handoffs = Vec::new();
        for &from in steps.iter().filter(|p| !support[**p].is_empty()) {
            for (link, to, bridged) in reach(&links, &adjacency, &support, from) {
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
                handoffs.push(handoff(index, apps, &link, to, &bridged, a, b));
            }
        }
        if handoffs.is_empty() {
            Applications::count(&mut apps.skipped, "process chains done in one system");
            continue;
        }
        let head = chain_head(index, &steps);
        let name = index.element_name(head);
        // Frequency and owner are read on the process that names the chain, else its first step.
        let properties: Vec<Property> = [head, steps[0]]
            .iter()
            .filter_map(|id| index.element(id))
            .flat_map(|e| e.properties.iter().cloned())
            .collect();
        let properties = properties.as_slice();
        let runs = index
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
            );
        let mut serves = Vec::new();
        for step in &steps {
            for goal in motivations(index, step) {
                let id = objective_of.entry(goal).or_insert_with(|| {
                    let name = index.element_name(goal);
                    let id = objective_ids.take(&name, "objective");
                    out.objectives.push((id.clone(), name));
                    id.clone()
                });
                if !serves.iter().any(|(o, _)| o == id) {
                    serves.push((id.clone(), 1.0));
                }
            }
        }
        out.workflows.push(DraftWorkflow {
            id: workflow_ids.take(&name, "workflow"),
            name,
            owner: index.property(properties, &OWNER_KEYS).map(str::to_string),
            runs,
            serves: Assumable::assumed(
                serves,
                "a step is linked to each; how much it serves it is yours to weigh",
            ),
            handoffs,
            unit: None,
        });
    }
    out
}

/// The most processes one step may reach through junctions and events; past this the
/// junction is a hub and the links through it are skipped, counted.
const MAX_JUNCTION_FAN_OUT: usize = 20;
const JUNCTION_MESH: &str =
    "steps linked through a junction to more than 20 processes (links through it left out)";

/// Step-to-step links: Triggering or Flow from a process to a process, directly or through
/// junctions and events; self-loops and repeated links dropped.
fn links<'a>(index: &Index<'a>, processes: &[&'a str], apps: &mut Applications) -> Vec<Link<'a>> {
    let mut out: Vec<Link<'a>> = Vec::new();
    let mut pairs: HashSet<(&'a str, &'a str)> = HashSet::new();
    for &p in processes {
        let mut stack: Vec<(&'a str, Option<&'a str>)> = vec![(p, None)];
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut reached: Vec<(&'a str, Option<&'a str>)> = Vec::new();
        let mut through_junctions = 0;
        while let Some((node, name)) = stack.pop() {
            for r in index.out(node, &CHAIN) {
                let name = name.or_else(|| index.name(&r.name));
                match index.kind(&r.target) {
                    Some("BusinessProcess") => {
                        reached.push((&r.target, name));
                        through_junctions += usize::from(node != p);
                    }
                    Some(k) if PASS_THROUGH.contains(&k) && seen.insert(r.target.as_str()) => {
                        stack.push((&r.target, name));
                    }
                    _ => {}
                }
            }
        }
        if through_junctions > MAX_JUNCTION_FAN_OUT {
            // A junction every step passes: links from each step to each other would be
            // a mesh nobody drew (issue 23); the direct links stay.
            let direct: HashSet<&str> = index.out(p, &CHAIN).map(|r| r.target.as_str()).collect();
            reached.retain(|(q, _)| direct.contains(q));
            Applications::count(&mut apps.skipped, JUNCTION_MESH);
        }
        reached.sort_by_key(|(q, _)| index.position(q));
        for (q, name) in reached {
            if q == p {
                Applications::count(&mut apps.skipped, "process self-loops");
            } else if !pairs.insert((p, q)) {
                Applications::count(
                    &mut apps.merged,
                    "parallel links between the same processes",
                );
            } else {
                out.push(Link {
                    from: p,
                    to: q,
                    name,
                });
            }
        }
    }
    out
}

/// The links leaving and entering each process: (index into the links, the other end),
/// in the links' order.
struct Adjacency<'a> {
    out: HashMap<&'a str, Vec<(usize, &'a str)>>,
    into: HashMap<&'a str, Vec<(usize, &'a str)>>,
}

impl<'a> Adjacency<'a> {
    fn new(links: &[Link<'a>]) -> Adjacency<'a> {
        let mut adjacency = Adjacency {
            out: HashMap::new(),
            into: HashMap::new(),
        };
        for (i, l) in links.iter().enumerate() {
            adjacency.out.entry(l.from).or_default().push((i, l.to));
            adjacency.into.entry(l.to).or_default().push((i, l.from));
        }
        adjacency
    }

    fn out(&self, p: &str) -> &[(usize, &'a str)] {
        self.out.get(p).map_or(&[], Vec::as_slice)
    }

    fn into(&self, p: &str) -> &[(usize, &'a str)] {
        self.into.get(p).map_or(&[], Vec::as_slice)
    }
}

/// Connected groups of linked processes, in the file order of their first process.
fn chains<'a>(processes: &[&'a str], adjacency: &Adjacency<'a>) -> Vec<BTreeSet<&'a str>> {
    let mut grouped: HashSet<&str> = HashSet::new();
    let mut groups: Vec<BTreeSet<&'a str>> = Vec::new();
    for &p in processes {
        if grouped.contains(p) || (adjacency.out(p).is_empty() && adjacency.into(p).is_empty()) {
            continue;
        }
        let mut members = BTreeSet::new();
        let mut queue = VecDeque::from([p]);
        while let Some(n) = queue.pop_front() {
            if !members.insert(n) {
                continue;
            }
            grouped.insert(n);
            let ends = adjacency.out(n).iter().chain(adjacency.into(n));
            queue.extend(ends.map(|(_, other)| *other));
        }
        groups.push(members);
    }
    groups
}

/// Steps in flow order: starts (no predecessor) first, then breadth first.
fn order<'a>(
    chain: &BTreeSet<&'a str>,
    links: &[Link<'a>],
    adjacency: &Adjacency<'a>,
) -> Vec<&'a str> {
    // The chain's links in the links' order (every end of a member is a member).
    let mut in_chain: Vec<usize> = chain
        .iter()
        .flat_map(|p| adjacency.out(p).iter().map(|(i, _)| *i))
        .collect();
    in_chain.sort_unstable();
    let mut starts: Vec<&'a str> = in_chain
        .iter()
        .map(|i| links[*i].from)
        .filter(|p| adjacency.into(p).is_empty())
        .collect();
    if starts.is_empty() {
        // A pure cycle: start where the file does.
        starts.extend(in_chain.first().map(|i| links[*i].from));
    }
    let mut out: Vec<&'a str> = Vec::new();
    let mut placed: HashSet<&'a str> = HashSet::new();
    let mut queue: VecDeque<&'a str> = starts.into_iter().collect();
    while let Some(p) = queue.pop_front() {
        if !placed.insert(p) {
            continue;
        }
        out.push(p);
        queue.extend(adjacency.out(p).iter().map(|(_, to)| *to));
    }
    out
}

/// The systems serving a process: a component serving it, or realising an application
/// service or providing an application interface that serves it.
fn serving_systems(index: &Index, apps: &Applications, process: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for r in index.into(process, &["Serving"]) {
        let components = match index.kind(&r.source) {
            Some("ApplicationComponent") => vec![r.source.as_str()],
            Some("ApplicationService" | "ApplicationInterface") => owners(index, &r.source),
            _ => Vec::new(),
        };
        for c in components {
            if let Some(&s) = apps.system_of.get(c) {
                if !out.contains(&s) {
                    out.push(s);
                }
            }
        }
    }
    out.sort_unstable();
    out
}

fn linked_to_function(index: &Index, process: &str) -> bool {
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
fn step_systems(
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
        .find(|r| {
            matches!(
                index.kind(&r.source),
                Some("BusinessRole" | "BusinessActor")
            )
        })
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

fn is_person(apps: &Applications, system: usize) -> bool {
    apps.systems[system]
        .kind
        .as_ref()
        .is_some_and(|k| k.value == "person")
}

/// The supported steps a step hands over to: its successors, and through a successor
/// nobody is known to do, that one's successors; with the link's name (the first named
/// link on the way) and the steps bridged.
fn reach<'a>(
    links: &[Link<'a>],
    adjacency: &Adjacency<'a>,
    support: &HashMap<&str, Vec<usize>>,
    from: &'a str,
) -> Vec<(Link<'a>, &'a str, Vec<&'a str>)> {
    let mut out: Vec<(Link<'a>, &'a str, Vec<&'a str>)> = Vec::new();
    let mut seen: BTreeSet<&str> = BTreeSet::from([from]);
    let mut queue: VecDeque<(&'a str, Option<&'a str>, Vec<&'a str>)> =
        VecDeque::from([(from, None, Vec::new())]);
    while let Some((node, name, bridged)) = queue.pop_front() {
        for l in adjacency.out(node).iter().map(|(i, _)| &links[*i]) {
            if !seen.insert(l.to) {
                continue;
            }
            let name = name.or(l.name);
            if support.get(l.to).is_some_and(|s| !s.is_empty()) {
                let link = Link {
                    from,
                    to: l.to,
                    name,
                };
                out.push((link, l.to, bridged.clone()));
            } else if support.contains_key(l.to) {
                let mut through = bridged.clone();
                through.push(l.to);
                queue.push_back((l.to, name, through));
            }
        }
    }
    out
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
    let shared = shared_object(index, link.from, link.to);
    let integration = apps
        .integration_of
        .get(&(a, b))
        .map(|&i| &apps.integrations[i])
        .filter(|g| g.carries.assumed.is_none());
    let data = if let Some(name) = link.name {
        Assumable::given(name.to_string())
    } else if let Some(object) = shared {
        Assumable::given(object)
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

/// A business or data object both steps access, the first in file order.
fn shared_object(index: &Index, from: &str, to: &str) -> Option<String> {
    let objects = |p: &str| -> Vec<String> {
        index
            .out(p, &["Access"])
            .filter(|r| matches!(index.kind(&r.target), Some("BusinessObject" | "DataObject")))
            .map(|r| r.target.clone())
            .collect()
    };
    let theirs = objects(to);
    let mut mine = objects(from);
    mine.sort_by_key(|id| index.position(id));
    mine.into_iter()
        .find(|o| theirs.contains(o))
        .map(|o| index.element_name(&o))
}

/// A workflow is named after the process that composes its first step, else that step.
fn chain_head<'a>(index: &Index<'a>, steps: &[&'a str]) -> &'a str {
    index
        .into(steps[0], &["Composition", "Aggregation"])
        .find(|r| index.kind(&r.source) == Some("BusinessProcess"))
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

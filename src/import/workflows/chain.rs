//! Links between steps, the connected groups they form, and the order of a group's steps.

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

use super::super::mapping::{Applications, Index};

/// Elements a chain passes through without being a step.
const PASS_THROUGH: [&str; 4] = ["AndJunction", "OrJunction", "Junction", "BusinessEvent"];
const CHAIN: [&str; 2] = ["Triggering", "Flow"];

/// One step-to-step edge of a chain.
pub struct Link<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub name: Option<&'a str>,
}

/// The most steps one step may reach through junctions and events; past this the
/// junction is a hub and the links through it are skipped, counted.
const MAX_JUNCTION_FAN_OUT: usize = 20;
const JUNCTION_MESH: &str =
    "steps linked through a junction to more than 20 processes (links through it left out)";

/// Step-to-step links: Triggering or Flow from a step to a step (`is_step`), directly or
/// through junctions and events; self-loops and repeated links dropped.
pub fn links<'a>(
    index: &Index<'a>,
    steps: &[&'a str],
    is_step: impl Fn(&str) -> bool,
    apps: &mut Applications,
) -> Vec<Link<'a>> {
    let mut out: Vec<Link<'a>> = Vec::new();
    let mut pairs: HashSet<(&'a str, &'a str)> = HashSet::new();
    for &p in steps {
        let mut stack: Vec<(&'a str, Option<&'a str>)> = vec![(p, None)];
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut reached: Vec<(&'a str, Option<&'a str>)> = Vec::new();
        let mut through_junctions = 0;
        while let Some((node, name)) = stack.pop() {
            for r in index.out(node, &CHAIN) {
                let name = name.or_else(|| index.name(&r.name));
                match index.kind(&r.target) {
                    Some(_) if is_step(&r.target) => {
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

/// The links leaving and entering each step: (index into the links, the other end), in
/// the links' order.
pub struct Adjacency<'a> {
    out: HashMap<&'a str, Vec<(usize, &'a str)>>,
    into: HashMap<&'a str, Vec<(usize, &'a str)>>,
}

impl<'a> Adjacency<'a> {
    pub fn new(links: &[Link<'a>]) -> Adjacency<'a> {
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

    pub fn out(&self, p: &str) -> &[(usize, &'a str)] {
        self.out.get(p).map_or(&[], Vec::as_slice)
    }

    pub fn into(&self, p: &str) -> &[(usize, &'a str)] {
        self.into.get(p).map_or(&[], Vec::as_slice)
    }
}

/// Connected groups of linked steps, in the file order of their first seed. A member for
/// which `expands` is false joins every group that links to it but does not join groups
/// through itself (a business function a process chain hands over to).
pub fn chains<'a>(
    seeds: &[&'a str],
    adjacency: &Adjacency<'a>,
    expands: impl Fn(&str) -> bool,
) -> Vec<BTreeSet<&'a str>> {
    let mut grouped: HashSet<&str> = HashSet::new();
    let mut groups: Vec<BTreeSet<&'a str>> = Vec::new();
    for &p in seeds {
        if grouped.contains(p) || (adjacency.out(p).is_empty() && adjacency.into(p).is_empty()) {
            continue;
        }
        let mut members = BTreeSet::new();
        let mut queue = VecDeque::from([p]);
        while let Some(n) = queue.pop_front() {
            if !members.insert(n) {
                continue;
            }
            if n != p && !expands(n) {
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

/// Steps in flow order: starts (no predecessor in the group) first, then breadth first.
pub fn order<'a>(
    chain: &BTreeSet<&'a str>,
    links: &[Link<'a>],
    adjacency: &Adjacency<'a>,
) -> Vec<&'a str> {
    // The chain's links in the links' order.
    let mut in_chain: Vec<usize> = chain
        .iter()
        .flat_map(|p| adjacency.out(p).iter())
        .filter(|(_, to)| chain.contains(to))
        .map(|(i, _)| *i)
        .collect();
    in_chain.sort_unstable();
    let has_predecessor = |p: &str| {
        adjacency
            .into(p)
            .iter()
            .any(|(_, from)| chain.contains(from))
    };
    let mut starts: Vec<&'a str> = in_chain
        .iter()
        .map(|i| links[*i].from)
        .filter(|p| !has_predecessor(p))
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
        let next = adjacency.out(p).iter().map(|(_, to)| *to);
        queue.extend(next.filter(|to| chain.contains(to)));
    }
    out
}

/// The supported steps a step hands over to: its successors, and through a successor
/// nobody is known to do, that one's successors; with the link's name (the first named
/// link on the way) and the steps bridged. Only steps of `support` (the group) count.
pub fn reach<'a>(
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
            if !support.contains_key(l.to) || !seen.insert(l.to) {
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
            } else {
                let mut through = bridged.clone();
                through.push(l.to);
                queue.push_back((l.to, name, through));
            }
        }
    }
    out
}

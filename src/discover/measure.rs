//! The measures of docs/discover.md over cases whose events are already read: steps,
//! handoff instances, per-pair counts and durations, variants. Pure: no input or output;
//! readers hand cases in one at a time.

use std::collections::{BTreeMap, HashMap};

use super::time::{Micros, MICROS_PER_MINUTE};

/// An event's `lifecycle:transition`, as far as the measures care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lifecycle {
    /// Absent or `complete`: the event is a step.
    Complete,
    /// `start`: opens its activity.
    Start,
    /// Any other transition: counted as an event, otherwise ignored.
    Other,
}

impl Lifecycle {
    /// Classifies a transition's text; the comparison ignores ASCII case (BPIC logs write
    /// `COMPLETE`).
    pub fn of(text: Option<&str>) -> Lifecycle {
        match text {
            None => Lifecycle::Complete,
            Some(t) if t.eq_ignore_ascii_case("complete") => Lifecycle::Complete,
            Some(t) if t.eq_ignore_ascii_case("start") => Lifecycle::Start,
            Some(_) => Lifecycle::Other,
        }
    }
}

/// One event of a case, names already interned by the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Event {
    /// Interned activity.
    pub activity: u32,
    /// Interned resource, `None` when the event has none.
    pub resource: Option<u32>,
    /// The transition.
    pub lifecycle: Lifecycle,
    /// When it happened.
    pub time: Micros,
}

/// What the mapping says about interned names; indexes are the interned ids.
pub trait Lookup {
    /// The system (index into the mapping's entries) of an activity, `None` when unmapped.
    fn system(&self, activity: u32) -> Option<u16>;
    /// Whether a resource is a system account.
    fn automated(&self, resource: u32) -> bool;
}

/// One pair's running totals.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PairTally {
    /// Handoff instances.
    pub count: u64,
    /// Instances whose receiving step was done by a system account.
    pub automated: u64,
    /// Instances whose receiving step has no resource.
    pub unknown: u64,
    /// Timed durations (microseconds) with how often each occurs: exact medians in memory
    /// bounded by the distinct durations, not by the log.
    pub durations: BTreeMap<Micros, u64>,
    /// How many instances were timed.
    pub timed: u64,
}

impl PairTally {
    /// The median duration in minutes (mean of the two middle ones for an even count).
    pub fn median_minutes(&self) -> Option<f64> {
        if self.timed == 0 {
            return None;
        }
        let lower = (self.timed - 1) / 2;
        let upper = self.timed / 2;
        let (mut a, mut b) = (None, None);
        let mut seen = 0u64;
        for (&d, &n) in &self.durations {
            if a.is_none() && lower < seen + n {
                a = Some(d);
            }
            if upper < seen + n {
                b = Some(d);
                break;
            }
            seen += n;
        }
        // The middle in microseconds is exact (integers far below 2^52); one division
        // makes minutes, as `--pairs` does with the SQL median (docs/discover-sql.md).
        Some(f64::midpoint(a? as f64, b? as f64) / MICROS_PER_MINUTE)
    }
}

/// The running totals over every case handed in.
#[derive(Debug, Default)]
pub struct Tally {
    /// Cases.
    pub cases: u64,
    /// Events of every kind.
    pub events: u64,
    /// Steps of any system or none.
    pub steps: u64,
    /// Steps whose activity no mapping entry matches.
    pub unmapped_steps: u64,
    /// Unmapped steps per interned activity.
    pub unmapped_by_activity: HashMap<u32, u64>,
    /// Earliest and latest timestamp of any event.
    pub first: Option<Micros>,
    /// See `first`.
    pub last: Option<Micros>,
    /// Per pair of system indexes.
    pub pairs: HashMap<(u16, u16), PairTally>,
    /// Cases per variant (its sequence of pairs).
    pub variants: HashMap<Vec<(u16, u16)>, u64>,
    open: HashMap<u32, Micros>,
    sequence: Vec<(u16, u16)>,
}

impl Tally {
    /// Adds one case: its events in file order (sorted here by time, ties kept in order).
    pub fn add_case(&mut self, events: &mut [Event], lookup: &impl Lookup) {
        self.cases += 1;
        self.events += events.len() as u64;
        // Stable: equal timestamps keep file order.
        events.sort_by_key(|e| e.time);
        if let (Some(first), Some(last)) = (events.first(), events.last()) {
            self.first = Some(self.first.map_or(first.time, |t| t.min(first.time)));
            self.last = Some(self.last.map_or(last.time, |t| t.max(last.time)));
        }
        self.open.clear();
        self.sequence.clear();
        let mut previous: Option<u16> = None;
        for event in events.iter() {
            match event.lifecycle {
                Lifecycle::Start => {
                    self.open.insert(event.activity, event.time);
                    continue;
                }
                Lifecycle::Other => continue,
                Lifecycle::Complete => {}
            }
            self.steps += 1;
            let started = self.open.remove(&event.activity);
            let Some(system) = lookup.system(event.activity) else {
                self.unmapped_steps += 1;
                *self.unmapped_by_activity.entry(event.activity).or_insert(0) += 1;
                continue;
            };
            if let Some(from) = previous.filter(|&p| p != system) {
                let pair = self.pairs.entry((from, system)).or_default();
                pair.count += 1;
                match event.resource {
                    None => pair.unknown += 1,
                    Some(r) if lookup.automated(r) => pair.automated += 1,
                    Some(_) => {
                        if let Some(start) = started {
                            *pair.durations.entry(event.time - start).or_insert(0) += 1;
                            pair.timed += 1;
                        }
                    }
                }
                self.sequence.push((from, system));
            }
            previous = Some(system);
        }
        if !self.sequence.is_empty() {
            if let Some(n) = self.variants.get_mut(self.sequence.as_slice()) {
                *n += 1;
            } else {
                self.variants.insert(self.sequence.clone(), 1);
            }
        }
    }

    /// The log's span in seconds (0 without events).
    pub fn span_seconds(&self) -> f64 {
        match (self.first, self.last) {
            (Some(a), Some(b)) => (b - a) as f64 / 1e6,
            _ => 0.0,
        }
    }
}

/// `count` × 365.25 × 86,400 / span: how often something seen `count` times in the log
/// happens a year; `None` when the log spans no time.
pub fn per_year(count: u64, span_seconds: f64) -> Option<f64> {
    (span_seconds > 0.0).then(|| count as f64 * 365.25 * 86_400.0 / span_seconds)
}

/// The variants by cases (descending), then by their sequence, and how many of the first
/// are the workflows: taken while the cases covered so far are below `coverage` × the
/// cases that have a variant.
pub fn rank_variants<K: Ord>(mut variants: Vec<(K, u64)>, coverage: f64) -> (Vec<(K, u64)>, usize) {
    variants.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let total: u64 = variants.iter().map(|v| v.1).sum();
    let target = coverage * total as f64;
    let mut covered = 0u64;
    let mut taken = 0;
    for v in &variants {
        if (covered as f64) >= target {
            break;
        }
        covered += v.1;
        taken += 1;
    }
    (variants, taken)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Activities 0..=2 map to systems 0, 1, 0; activity 3 is unmapped. Resource 0 is the
    /// system account.
    struct Map;
    impl Lookup for Map {
        fn system(&self, activity: u32) -> Option<u16> {
            [Some(0), Some(1), Some(0), None][activity as usize]
        }
        fn automated(&self, resource: u32) -> bool {
            resource == 0
        }
    }

    const MIN: Micros = 60_000_000;

    fn ev(activity: u32, resource: Option<u32>, lifecycle: Lifecycle, minute: i64) -> Event {
        Event {
            activity,
            resource,
            lifecycle,
            time: minute * MIN,
        }
    }

    use Lifecycle::{Complete as C, Other as O, Start as S};

    #[test]
    fn a_hand_computed_case() {
        let mut t = Tally::default();
        // File order deliberately unsorted: the sort puts minute 0 first.
        let mut case = vec![
            ev(1, Some(5), S, 2),  // opens activity 1 at minute 2
            ev(0, Some(5), C, 0),  // step in system 0
            ev(1, Some(5), S, 4),  // the latest start wins: minute 4
            ev(3, Some(5), C, 5),  // unmapped step: skipped, no handoff
            ev(1, Some(5), C, 10), // 0 -> 1, manual, timed 10 - 4 = 6 min
            ev(2, Some(0), O, 11), // other transition: ignored
            ev(2, Some(0), C, 12), // 1 -> 0, automated (resource 0)
            ev(0, None, C, 13),    // same system: no handoff
            ev(1, None, C, 20),    // 0 -> 1, unknown
        ];
        t.add_case(&mut case, &Map);
        assert_eq!((t.cases, t.events, t.unmapped_steps), (1, 9, 1));
        assert_eq!(t.span_seconds(), 20.0 * 60.0);
        let ab = &t.pairs[&(0, 1)];
        assert_eq!((ab.count, ab.automated, ab.unknown, ab.timed), (2, 0, 1, 1));
        assert_eq!(ab.median_minutes(), Some(6.0));
        let ba = &t.pairs[&(1, 0)];
        assert_eq!((ba.count, ba.automated, ba.unknown, ba.timed), (1, 1, 0, 0));
        assert_eq!(ba.median_minutes(), None);
        assert_eq!(t.variants[&vec![(0, 1), (1, 0), (0, 1)]], 1);
    }

    #[test]
    fn equal_times_keep_file_order_and_starts_are_consumed_by_any_step() {
        let mut t = Tally::default();
        let mut case = vec![
            ev(1, Some(5), S, 0),
            ev(1, Some(5), C, 1), // unmapped? no: activity 1 is system 1; first step
            ev(0, Some(5), C, 3),
            ev(1, Some(5), C, 3), // same minute, later in file: 0 -> 1; its start was consumed
        ];
        t.add_case(&mut case, &Map);
        let ab = &t.pairs[&(0, 1)];
        assert_eq!((ab.count, ab.timed), (1, 0));
        assert_eq!(t.pairs[&(1, 0)].count, 1);
    }

    #[test]
    fn medians_of_odd_and_even_counts() {
        let mut p = PairTally::default();
        for (d, n) in [(MIN, 1), (3 * MIN, 2), (10 * MIN, 1)] {
            p.durations.insert(d, n);
            p.timed += n;
        }
        // 1, 3, 3, 10: mean of 3 and 3.
        assert_eq!(p.median_minutes(), Some(3.0));
        p.durations.insert(20 * MIN, 1);
        p.timed += 1;
        assert_eq!(p.median_minutes(), Some(3.0));
        let mut q = PairTally::default();
        q.durations.insert(MIN, 1);
        q.durations.insert(2 * MIN, 1);
        q.timed = 2;
        assert_eq!(q.median_minutes(), Some(1.5));
    }

    #[test]
    fn workflows_cover_while_below_the_share() {
        // 10 cases with a variant; 0.8 x 10 = 8: 5 (< 8, take), 5 + 3 = 8 (not below: stop).
        let (ranked, taken) = rank_variants(vec![("c", 1), ("b", 3), ("a", 5), ("d", 1)], 0.8);
        assert_eq!(ranked, vec![("a", 5), ("b", 3), ("c", 1), ("d", 1)]);
        assert_eq!(taken, 2);
        let (_, all) = rank_variants(vec![("a", 1), ("b", 1)], 1.0);
        assert_eq!(all, 2);
        let (ties, _) = rank_variants(vec![("b", 2), ("a", 2)], 0.5);
        assert_eq!(ties[0].0, "a");
    }

    #[test]
    fn runs_a_year() {
        assert_eq!(per_year(10, 365.25 * 86_400.0), Some(10.0));
        assert_eq!(per_year(10, 0.0), None);
    }
}

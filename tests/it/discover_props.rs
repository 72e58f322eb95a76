//! The readers agree: any small log gives the same evidence as XES, as CSV grouped by case
//! and as CSV with its cases' rows interleaved (read the second way, holding every case).

use std::fs;
use std::path::Path;

use gapgraph::discover::{discover, Evidence, Mapping, Options};
use proptest::prelude::*;

const MAP: &str = "systems:\n  crm: [\"crm:*\"]\n  erp: [\"erp:*\"]\n  mail: [\"mail\"]\nautomated_resources: [\"bot*\"]\ncoverage: 0.7\n";
const ACTIVITIES: [&str; 6] = ["crm:a", "crm:b", "erp:a", "erp:b", "mail", "other"];
const RESOURCES: [Option<&str>; 3] = [None, Some("ann"), Some("bot-1")];
const LIFECYCLES: [Option<&str>; 5] = [
    None,
    Some("complete"),
    Some("start"),
    Some("schedule"),
    Some("COMPLETE"),
];

type Row = (usize, usize, usize, u32);

fn stamp(minute: u32) -> String {
    format!(
        "2024-03-{:02}T{:02}:{:02}:00Z",
        1 + minute / 1440,
        minute / 60 % 24,
        minute % 60
    )
}

fn xes(cases: &[Vec<Row>]) -> String {
    let mut x = String::from("<log>\n");
    for (i, events) in cases.iter().enumerate() {
        x.push_str(&format!(
            "<trace><string key=\"concept:name\" value=\"c{i}\"/>\n"
        ));
        for &(a, r, l, m) in events {
            x.push_str(&format!(
                "<event><string key=\"concept:name\" value=\"{}\"/>",
                ACTIVITIES[a]
            ));
            if let Some(r) = RESOURCES[r] {
                x.push_str(&format!("<string key=\"org:resource\" value=\"{r}\"/>"));
            }
            if let Some(l) = LIFECYCLES[l] {
                x.push_str(&format!(
                    "<string key=\"lifecycle:transition\" value=\"{l}\"/>"
                ));
            }
            x.push_str(&format!(
                "<date key=\"time:timestamp\" value=\"{}\"/></event>\n",
                stamp(m)
            ));
        }
        x.push_str("</trace>\n");
    }
    x.push_str("</log>\n");
    x
}

fn csv(rows: &[(usize, Row)]) -> String {
    let mut c = String::from(
        "case:concept:name,concept:name,org:resource,lifecycle:transition,time:timestamp\n",
    );
    for &(case, (a, r, l, m)) in rows {
        c.push_str(&format!(
            "c{case},{},{},{},{}\n",
            ACTIVITIES[a],
            RESOURCES[r].unwrap_or(""),
            LIFECYCLES[l].unwrap_or(""),
            stamp(m)
        ));
    }
    c
}

fn measure(path: &Path, mapping: &Mapping) -> Option<Evidence> {
    let mut e = discover(path, "log", mapping, "map.yaml", &Options::default()).ok()?;
    e.log.clear();
    Some(e)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn xes_grouped_and_interleaved_csv_agree(
        cases in prop::collection::vec(
            prop::collection::vec((0..6usize, 0..3usize, 0..5usize, 0..40u32), 1..8),
            1..6,
        ),
        order in prop::collection::vec(0..6usize, 0..60),
    ) {
        let mapping = Mapping::parse(MAP, "map.yaml").unwrap();
        // One case with every activity, so every glob matches something and the log is
        // measured (a glob that matches nothing is refused).
        let mut cases = cases;
        cases.push(vec![(0, 1, 0, 5), (2, 2, 1, 6), (4, 0, 0, 7), (5, 1, 0, 8)]);
        let dir = tempfile::tempdir().unwrap();
        let x = dir.path().join("log.xes");
        fs::write(&x, xes(&cases)).unwrap();
        let grouped: Vec<(usize, Row)> = cases.iter().enumerate()
            .flat_map(|(i, evs)| evs.iter().map(move |&e| (i, e))).collect();
        let g = dir.path().join("grouped.csv");
        fs::write(&g, csv(&grouped)).unwrap();
        // Interleave: take the next row of the case `order` names, in turn; each case's rows
        // keep their order.
        let mut queues: Vec<std::collections::VecDeque<Row>> = cases.iter().map(|c| c.iter().copied().collect()).collect();
        let mut interleaved = Vec::new();
        for pick in &order {
            let i = pick % queues.len();
            if let Some(e) = queues[i].pop_front() { interleaved.push((i, e)); }
        }
        for (i, q) in queues.iter_mut().enumerate() {
            while let Some(e) = q.pop_front() { interleaved.push((i, e)); }
        }
        let n = dir.path().join("interleaved.csv");
        fs::write(&n, csv(&interleaved)).unwrap();
        let (a, b, c) = (measure(&x, &mapping), measure(&g, &mapping), measure(&n, &mapping));
        prop_assert!(a.is_some());
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(&b, &c);
        if let Some(e) = a {
            prop_assert_eq!(e.cases as usize, cases.len());
            prop_assert_eq!(e.events as usize, grouped.len());
            let instances: u64 = e.transitions.iter().map(|t| t.count).sum();
            prop_assert!(e.transitions.iter().all(|t| t.automated + t.unknown + t.timed <= t.count));
            prop_assert!(e.covered_cases <= e.cases_with_variant && e.cases_with_variant <= e.cases);
            prop_assert!(instances >= e.cases_with_variant);
        }
    }
}

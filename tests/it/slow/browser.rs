//! The HTML report in a real browser: headless Chromium loads the page of the shared
//! fixture and of the hostile model, and the DOM it ends with must hold the fix table, the
//! page's own sort script must have run, and nothing from the model may have run or become
//! an element. Ignored (with the reason) when Chromium is missing outside CI; in CI
//! (`CI=true`) it always runs, and `.ci/run` installs chromium.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

use crate::support;

/// Writes the HTML report of `model` into `dir`.
fn report(model: &str, dir: &Path) -> PathBuf {
    let page = dir.join("report.html");
    support::run(
        &[
            "analyze",
            model,
            "--format",
            "html",
            "-o",
            page.to_str().unwrap(),
        ],
        0,
    );
    page
}

/// The DOM after Chromium has loaded `page` and run its scripts.
fn dump_dom(browser: &Path, page: &Path, dir: &Path) -> String {
    let profile = dir.join("profile");
    let dump = dir.join("dom.html");
    // Standard output goes to a file: a pipe nobody reads could fill up and stall Chromium.
    let mut child = Process::new(browser)
        .args(super::cdp::HEADLESS)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(File::create(&dump).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium failed: {status}");
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within two minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    std::fs::read_to_string(&dump).unwrap()
}

fn title(dom: &str) -> &str {
    let start = dom.find("<title>").expect("a title") + "<title>".len();
    let end = dom.find("</title>").expect("the title closes");
    &dom[start..end]
}

#[test]
#[cfg_attr(
    gapgraph_no_chromium,
    ignore = "Chromium is not on PATH (CI installs chromium)"
)]
fn html_report_renders_and_runs_no_model_script() {
    let browser = super::cdp::chromium();

    let dir = tempfile::tempdir().unwrap();
    let page = report("tests/data/render.yaml", dir.path());
    let dom = dump_dom(&browser, &page, dir.path());
    assert!(dom.contains("id=\"fix-table\""), "the fix table is present");
    assert!(dom.contains("bank-feed"), "the fixes are listed");
    assert!(
        dom.contains("data-sortable=\"ready\""),
        "the page's own sort script ran (the policy lets exactly it run)"
    );
    assert_eq!(title(&dom), "Render fixture: gap report");

    let dir = tempfile::tempdir().unwrap();
    let page = report("tests/data/hostile.yaml", dir.path());
    let dom = dump_dom(&browser, &page, dir.path());
    assert!(dom.contains("id=\"fix-table\""), "the fix table is present");
    assert!(dom.contains("data-sortable=\"ready\""), "our script ran");
    let shown = title(&dom);
    assert!(
        shown.starts_with("Evil &lt;script&gt;document.title='pwned'&lt;/script&gt;"),
        "the title is the model's name as text, not changed by a script: {shown}"
    );
    assert!(!dom.contains("<img"), "no element made from a name");
    assert_eq!(
        dom.matches("<script").count(),
        1,
        "only the page's own script"
    );
    assert!(
        dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the hostile system name shows as text"
    );
}

#[test]
#[cfg_attr(
    gapgraph_no_chromium,
    ignore = "Chromium is not on PATH (CI installs chromium)"
)]
fn html_report_opens_with_the_unit_overview_and_maps_enlarge() {
    let browser = super::cdp::chromium();
    let dir = tempfile::tempdir().unwrap();
    let page = report("fixtures/valid/seed.yaml", dir.path());
    let dom = dump_dom(&browser, &page, dir.path());
    let figures: Vec<&str> = dom.split("<figure ").skip(1).collect();
    assert!(
        figures[0].contains("id=\"map-units\""),
        "the unit overview is the first map"
    );
    // The headline comes before any map: the figures, then the best first step by name.
    let first_map = dom.find("<figure ").unwrap();
    let figures_at = dom
        .find("class=\"figures\"")
        .expect("the summary's figures");
    let best = dom
        .find("Best first step: Connect CRM → Accounting")
        .expect("the best first step, by its name");
    assert!(figures_at < best && best < first_map);
    assert!(
        figures
            .iter()
            .any(|f| f.contains("id=\"map-lead-to-cash\"")),
        "a map per workflow"
    );
    for (k, figure) in figures.iter().enumerate() {
        // Our script made every map a control that enlarges it on click or Enter.
        assert!(figure.contains("tabindex=\"0\""), "{}", &figure[..80]);
        assert!(figure.contains("title=\"Click to enlarge or shrink the map\""));
        // The first map fits the first screen's width; the others keep a legible least
        // size and scroll.
        assert_eq!(
            figure.contains("<svg style=\"min-width:"),
            k > 0,
            "{}",
            &figure[..80]
        );
    }
    assert!(dom.contains("Model SHA-256"), "the provenance is recorded");
}

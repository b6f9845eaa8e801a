//! The startup benchmark (not a test; `scripts/bench-startup.sh` runs it): how long the real app
//! takes, from being started, to show the first screen of rows of a large archive; then a search
//! and a scroll to the middle of the list, as a person would go on; and the app's memory
//! (`VmHWM`, its peak resident set, from `/proc`) at the first screen and after those.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use folio_e2e::{Driver, Result, app_binary};
use serde_json::json;

const PATIENCE: Duration = Duration::from_secs(120);
const SEARCHED_FOR: &str = "market";

/// When the first rows were on screen, in ms since the Unix epoch, and since the page began.
const FIRST_ROWS: &str = r#"
const done = arguments[arguments.length - 1];
const look = () => {
  const [mark] = performance.getEntriesByName('folio:first-rows');
  if (mark) {
    done({ epoch: performance.timeOrigin + mark.startTime, page: mark.startTime,
           rows: document.querySelectorAll('[data-testid=item-row]').length,
           count: document.querySelector('[data-testid=view-count]')?.textContent ?? '' });
  } else {
    setTimeout(look, 10);
  }
};
look();
"#;

/// Types a query and waits for hits with snippets; clears it and waits for the list; scrolls the
/// list to its middle and waits until the rows there are drawn. Answers the milliseconds of each
/// and the list's height against the height its rows need.
const SEARCH_AND_SCROLL: &str = r#"
const [query] = arguments;
const done = arguments[arguments.length - 1];
const input = document.querySelector('[data-testid=search-input]');
const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
const type = (text) => {
  input.focus();
  setValue.call(input, text);
  input.dispatchEvent(new Event('input', { bubbles: true }));
};
const until = (test, then) => {
  const look = () => (test() ? then() : setTimeout(look, 10));
  look();
};
const rows = () => [...document.querySelectorAll('[data-testid=item-row]')];
const searching = performance.now();
type(query);
until(() => document.querySelector('[data-testid=item-snippet]'), () => {
  const searched = performance.now() - searching;
  type('');
  until(() => !document.querySelector('[data-testid=item-snippet]') && rows().length > 0, () => {
    const list = document.querySelector('[data-testid=item-list]');
    const scrolling = performance.now();
    list.scrollTop = list.scrollHeight / 2;
    const drawn = () => rows().some((r) => Number(r.dataset.index) > 1000)
      && !document.querySelector('.item-list__row--pending');
    until(drawn, () => {
      done({ searched, scrolled: performance.now() - scrolling,
             row: Math.min(...rows().map((r) => Number(r.dataset.index))),
             height: list.scrollHeight, total: Number(list.dataset.total) });
    });
  });
});
"#;

#[test]
#[ignore = "a benchmark: run by scripts/bench-startup.sh on a large archive"]
fn first_screen_of_a_large_archive() -> Result<()> {
    let archive =
        PathBuf::from(std::env::var_os("FOLIO_BENCH_ARCHIVE").ok_or("set FOLIO_BENCH_ARCHIVE")?);
    let rounds: usize = std::env::var("FOLIO_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let app = app_binary();
    let mut totals = Vec::new();
    let mut at_first_screen = Vec::new();
    let mut after_scroll = Vec::new();
    let mut web = Vec::new();
    for round in 1..=rounds {
        let driver = Driver::start(&[("FOLIO_ARCHIVE", &archive)])?;
        let started = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_err(|e| e.to_string())?
            .as_secs_f64()
            * 1000.0;
        let session = driver.session(&app)?;
        let seen = session.execute_async(FIRST_ROWS, json!([]), PATIENCE)?;
        let total = seen["epoch"].as_f64().ok_or("no first-rows mark")? - started;
        let page = seen["page"].as_f64().unwrap_or(f64::NAN);
        let first = Memory::of_app(&driver, &app)?;
        println!(
            "round {round}: first rows {total:.0} ms after start ({page:.0} ms after the page began), {} rows drawn, {}; app memory {first}",
            seen["rows"], seen["count"]
        );
        totals.push(total);
        at_first_screen.push(first.peak_mb);

        let went = session.execute_async(SEARCH_AND_SCROLL, json!([SEARCHED_FOR]), PATIENCE)?;
        let after = Memory::of_app(&driver, &app)?;
        let web_peak = Memory::of_web_processes(&driver);
        println!(
            "round {round}: search {SEARCHED_FOR:?} drawn in {:.0} ms; scrolled to row {} of {} in {:.0} ms (list {} px high for {} px of rows); app memory {after}; web processes' peak {web_peak:.0} MB",
            went["searched"].as_f64().unwrap_or(f64::NAN),
            went["row"],
            went["total"],
            went["scrolled"].as_f64().unwrap_or(f64::NAN),
            went["height"],
            went["total"].as_f64().unwrap_or(f64::NAN) * 34.0,
        );
        after_scroll.push(after.peak_mb);
        web.push(web_peak);
    }
    for list in [
        &mut totals,
        &mut at_first_screen,
        &mut after_scroll,
        &mut web,
    ] {
        list.sort_by(f64::total_cmp);
    }
    let median = |list: &[f64]| list[list.len() / 2];
    let worst = |list: &[f64]| list[list.len() - 1];
    println!(
        "first screen: median {:.0} ms, best {:.0} ms, worst {:.0} ms over {rounds} starts",
        median(&totals),
        totals[0],
        worst(&totals)
    );
    println!(
        "memory: app VmHWM at the first screen median {:.0} MB, worst {:.0} MB; after a search and a scroll median {:.0} MB, worst {:.0} MB; web processes' peak worst {:.0} MB",
        median(&at_first_screen),
        worst(&at_first_screen),
        median(&after_scroll),
        worst(&after_scroll),
        worst(&web)
    );
    Ok(())
}

/// A process's memory from `/proc/PID/status`, in MB.
struct Memory {
    /// `VmHWM`: the most it has held resident so far.
    peak_mb: f64,
    /// `VmRSS`: what it holds now, of which `RssAnon` its own memory and `RssFile` pages of
    /// mapped files (the program, the search index's segments) that the system can take back.
    now_mb: f64,
    anon_mb: f64,
    file_mb: f64,
}

impl Memory {
    /// The app's process among those the launch started: the one running the app's binary.
    fn of_app(driver: &Driver, app: &Path) -> Result<Memory> {
        let app = app.canonicalize().map_err(|e| e.to_string())?;
        let pid = driver
            .processes()
            .into_iter()
            .find(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == app))
            .ok_or("the app's process was not found")?;
        Memory::of(pid).ok_or_else(|| format!("no memory figures for process {pid}"))
    }

    /// The summed peaks of WebKit's web content processes, which draw the window beside the app.
    fn of_web_processes(driver: &Driver) -> f64 {
        driver
            .processes()
            .into_iter()
            .filter(|pid| {
                std::fs::read_to_string(format!("/proc/{pid}/comm"))
                    .is_ok_and(|name| name.starts_with("WebKitWebProces"))
            })
            .filter_map(Memory::of)
            .map(|m| m.peak_mb)
            .sum()
    }

    fn of(pid: u32) -> Option<Memory> {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let field = |name: &str| -> Option<f64> {
            let line = status.lines().find(|l| l.starts_with(name))?;
            let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(kb / 1024.0)
        };
        Some(Memory {
            peak_mb: field("VmHWM:")?,
            now_mb: field("VmRSS:")?,
            anon_mb: field("RssAnon:")?,
            file_mb: field("RssFile:")?,
        })
    }
}

impl std::fmt::Display for Memory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "VmHWM {:.0} MB (VmRSS {:.0} MB: {:.0} MB own, {:.0} MB of mapped files)",
            self.peak_mb, self.now_mb, self.anon_mb, self.file_mb
        )
    }
}

//! The startup benchmark (not a test; `scripts/bench-startup.sh` runs it): how long the real app
//! takes, from being started, to show the first screen of rows of a large archive.

use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use folio_e2e::{Driver, Result, app_binary};
use serde_json::json;

const PATIENCE: Duration = Duration::from_secs(120);

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

#[test]
#[ignore = "a benchmark: run by scripts/bench-startup.sh on a large archive"]
fn first_screen_of_a_large_archive() -> Result<()> {
    let archive =
        PathBuf::from(std::env::var_os("FOLIO_BENCH_ARCHIVE").ok_or("set FOLIO_BENCH_ARCHIVE")?);
    let rounds: usize = std::env::var("FOLIO_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let mut totals = Vec::new();
    for round in 1..=rounds {
        let driver = Driver::start(&[("FOLIO_ARCHIVE", &archive)])?;
        let started = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_err(|e| e.to_string())?
            .as_secs_f64()
            * 1000.0;
        let session = driver.session(&app_binary())?;
        let seen = session.execute_async(FIRST_ROWS, json!([]), PATIENCE)?;
        let total = seen["epoch"].as_f64().ok_or("no first-rows mark")? - started;
        let page = seen["page"].as_f64().unwrap_or(f64::NAN);
        println!(
            "round {round}: first rows {total:.0} ms after start ({page:.0} ms after the page began), {} rows drawn, {}",
            seen["rows"], seen["count"]
        );
        totals.push(total);
    }
    totals.sort_by(f64::total_cmp);
    println!(
        "first screen: median {:.0} ms, best {:.0} ms, worst {:.0} ms over {rounds} starts",
        totals[totals.len() / 2],
        totals[0],
        totals[totals.len() - 1]
    );
    Ok(())
}

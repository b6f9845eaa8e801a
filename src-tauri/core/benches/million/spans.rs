//! Time spent in the core's spans, by name: how much of a write was the index catching up
//! (`apply_queue`, inside the `write` span) without changing the core to report it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tracing::span::{Attributes, Id};
use tracing::subscriber::Subscriber;
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;

/// The total time of every closed span, by its name. Clones share the totals.
#[derive(Clone, Default)]
pub struct SpanTimes {
    totals: Arc<Mutex<HashMap<&'static str, Duration>>>,
}

struct Opened(Instant);

impl SpanTimes {
    /// Starts timing every span of this process.
    pub fn install() -> Self {
        let times = SpanTimes::default();
        let subscriber = tracing_subscriber::registry().with(times.clone());
        tracing::subscriber::set_global_default(subscriber).expect("one subscriber per process");
        times
    }

    /// The time spent so far in spans called `name`.
    pub fn total(&self, name: &str) -> Duration {
        self.totals
            .lock()
            .map(|totals| totals.get(name).copied().unwrap_or_default())
            .unwrap_or_default()
    }
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for SpanTimes {
    fn on_new_span(&self, _attributes: &Attributes<'_>, id: &Id, context: Context<'_, S>) {
        if let Some(span) = context.span(id) {
            span.extensions_mut().insert(Opened(Instant::now()));
        }
    }

    fn on_close(&self, id: Id, context: Context<'_, S>) {
        let Some(span) = context.span(&id) else {
            return;
        };
        let Some(Opened(at)) = span.extensions().get::<Opened>().map(|o| Opened(o.0)) else {
            return;
        };
        if let Ok(mut totals) = self.totals.lock() {
            *totals.entry(span.name()).or_default() += at.elapsed();
        }
    }
}

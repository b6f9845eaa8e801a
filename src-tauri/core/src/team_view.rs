//! A team archive as the desktop window shows it: the membership as last recorded, what waits to
//! be sent, and how syncing goes right now. `folio-team` does the syncing and the desktop fills
//! these in; the shapes live here so the UI's bindings are generated with the rest.

use serde::Serialize;
use ts_rs::TS;

/// The team this archive is a member of, for the Team dialog and the sync indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TeamView {
    pub team: String,
    /// The team's PostgreSQL database, without a password.
    pub database: String,
    /// Where the team's originals are: a folder, or an `s3://` address.
    pub objects: String,
    pub joined_at: String,
    /// When a sync round last completed (RFC 3339).
    pub last_sync: Option<String>,
    /// Why the last round failed, in words; none when it completed.
    pub last_error: Option<String>,
    /// Actions made here that the team has not received yet.
    pub waiting_actions: i64,
    /// Originals those actions name, to be uploaded first.
    pub waiting_uploads: i64,
    /// A reader of the team: this archive receives the team's changes and makes none.
    pub reader: bool,
    pub sync: SyncState,
}

/// How syncing goes now, as the indicator says it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum SyncState {
    /// Everything made here is sent and everything the team sent is here.
    UpToDate,
    /// A round is running.
    Syncing,
    /// Actions made here wait to be sent (the next round sends them).
    Waiting { actions: i64 },
    /// The team's database cannot be reached since `since` (RFC 3339); `reason` says how.
    Offline { since: String, reason: String },
    /// The last round failed for another reason than being out of reach.
    Failed { message: String },
}

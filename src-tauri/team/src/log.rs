//! The team's log in PostgreSQL: its schema (numbered migrations, refused when the database's is
//! newer than this Folio), the team's record, and the log itself — actions appended in one total
//! order under an advisory lock, and read after a sequence number.

use std::str::FromStr;
use std::time::Duration;

use folio_core::journal::{Action, Entry};
use folio_core::tables::team::Pulled;
use postgres::Client;
use postgres::error::SqlState;

use crate::address::{DatabaseAddress, SslMode};
use crate::{Error, Result, keychain, tls};

/// The team schema's migrations, in order. Append only.
const SCHEMA: &[(i32, &str, &str)] = &[
    (1, "team", include_str!("schema/0001_team.sql")),
    (2, "roles", include_str!("schema/0002_roles.sql")),
];

/// The advisory lock that serialises appends (and the schema's installation): "Folio" in ASCII.
const APPEND_LOCK: i64 = 0x46_6f_6c_69_6f;

/// The channel a push notifies, with the last sequence number it appended.
pub const CHANNEL: &str = "folio_log";

/// The team as its database records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamRecord {
    pub uid: String,
    pub name: String,
    pub objects: String,
}

pub struct TeamLog {
    client: Client,
    /// The login role connected as, for messages.
    role: String,
    /// How many actions [`TeamLog::next_batch`] gives at most.
    batch_actions: i64,
}

/// How many actions a member receives and applies at a time, in one transaction: small actions
/// (an edit is a few hundred bytes) come in thousands…
pub const RECEIVE_BATCH: i64 = 2000;

/// …and large ones (an import of thousands of articles is megabytes) as many as fit in this
/// much payload, so a member's memory and its database's write-ahead log stay bounded.
pub const RECEIVE_BYTES: i64 = 16 << 20;

impl TeamLog {
    /// Connects with the password typed in this time, else the one the keychain keeps for this
    /// database (none: the server may not ask for one), encrypted as the address says.
    pub fn connect(address: &DatabaseAddress) -> Result<Self> {
        let mut config = postgres::Config::from_str(address.connect_string())
            .map_err(|e| Error::Database(format!("{}: {e}", address.shown)))?;
        let password = match &address.password {
            Some(password) => Some(password.clone()),
            None => keychain::password(address).unwrap_or_else(|error| {
                tracing::warn!("connecting without a stored password: {error}");
                None
            }),
        };
        if let Some(password) = &password {
            config.password(password);
        }
        config
            .connect_timeout(Duration::from_secs(10))
            .application_name("folio")
            .ssl_mode(tls::client_mode(&address.tls));
        let client = config
            .connect(tls::connector(&address.tls)?)
            .map_err(|e| Error::Database(connect_failure(address, password.is_some(), &e)))?;
        Ok(Self {
            client,
            role: address.role().to_owned(),
            batch_actions: RECEIVE_BATCH,
        })
    }

    /// Receives in batches of at most `actions` actions (fewer, smaller transactions than
    /// [`RECEIVE_BATCH`]: a test stopping the database between two batches needs several).
    pub fn receiving_at_most(mut self, actions: i64) -> Self {
        self.batch_actions = actions.max(1);
        self
    }

    /// The next batch of actions after `after` for a member to apply in one transaction (see
    /// [`RECEIVE_BATCH`], [`RECEIVE_BYTES`]).
    pub fn next_batch(&mut self, after: i64) -> Result<Vec<Pulled>> {
        self.after(after, self.batch_actions, RECEIVE_BYTES)
    }

    /// Whether this connection's role may add to the team's log (an editor or admin), or only
    /// read it (a reader).
    pub fn may_push(&mut self) -> Result<bool> {
        Ok(self
            .client
            .query_one("SELECT has_table_privilege('folio.log', 'INSERT')", &[])?
            .get(0))
    }

    /// Brings the team schema up to this Folio's, or refuses a newer one.
    pub fn install(&mut self) -> Result<()> {
        let mut tx = self.client.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&APPEND_LOCK])?;
        tx.batch_execute(
            "CREATE SCHEMA IF NOT EXISTS folio;
             CREATE TABLE IF NOT EXISTS folio.schema_migrations (
                 number integer PRIMARY KEY, name text NOT NULL,
                 applied_at timestamptz NOT NULL DEFAULT now())",
        )?;
        let applied: i32 = tx
            .query_one(
                "SELECT coalesce(max(number), 0) FROM folio.schema_migrations",
                &[],
            )?
            .get(0);
        check_known(applied)?;
        for (number, name, sql) in SCHEMA.iter().filter(|(n, _, _)| *n > applied) {
            tx.batch_execute(sql)?;
            tx.execute(
                "INSERT INTO folio.schema_migrations (number, name) VALUES ($1, $2)",
                &[number, name],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Checks that the database holds a team schema this Folio can use.
    pub fn check_schema(&mut self) -> Result<()> {
        let exists: bool = self
            .client
            .query_one(
                "SELECT to_regclass('folio.schema_migrations') IS NOT NULL",
                &[],
            )?
            .get(0);
        if !exists {
            return Err(Error::Team(
                "this database holds no Folio team (create one with folio team create)".into(),
            ));
        }
        let applied: i32 = self
            .client
            .query_one(
                "SELECT coalesce(max(number), 0) FROM folio.schema_migrations",
                &[],
            )?
            .get(0);
        check_known(applied)?;
        if applied < latest() {
            self.install()?;
        }
        Ok(())
    }

    /// Records a new team; refused if this database already holds one.
    pub fn create_team(&mut self, team: &TeamRecord) -> Result<()> {
        let mut tx = self.client.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&APPEND_LOCK])?;
        if let Some(row) = tx.query_opt("SELECT name FROM folio.team", &[])? {
            let name: String = row.get(0);
            return Err(Error::Team(format!(
                "this database already holds the team \"{name}\": join it instead (folio team join)"
            )));
        }
        tx.execute(
            "INSERT INTO folio.team (id, uid, name, objects) VALUES (1, $1, $2, $3)",
            &[&team.uid, &team.name, &team.objects],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The team this database holds.
    pub fn team(&mut self) -> Result<TeamRecord> {
        let row = self
            .client
            .query_opt("SELECT uid, name, objects FROM folio.team", &[])?
            .ok_or_else(|| {
                Error::Team(
                    "this database holds no Folio team (create one with folio team create)".into(),
                )
            })?;
        Ok(TeamRecord {
            uid: row.get(0),
            name: row.get(1),
            objects: row.get(2),
        })
    }

    /// Appends actions to the log in this order, each once: an action the log already holds
    /// (sent before a crash, say) keeps its place. Returns each action's sequence number.
    pub fn append(&mut self, entries: &[Entry]) -> Result<Vec<(String, i64)>> {
        let role = self.role.clone();
        self.append_as_allowed(entries).map_err(|error| match error {
            PushError::Refused => Error::Team(format!(
                "the team's database refused this archive's changes: the role \"{role}\" may read \
                 the team but not change it (a reader); ask the team's admin to make it an editor"
            )),
            PushError::Other(error) => error,
        })
    }

    fn append_as_allowed(
        &mut self,
        entries: &[Entry],
    ) -> std::result::Result<Vec<(String, i64)>, PushError> {
        let mut tx = self.client.transaction()?;
        // Held until commit: the next appender numbers after this one's actions are visible.
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&APPEND_LOCK])?;
        let mut last: i64 = tx
            .query_one("SELECT coalesce(max(seq), 0) FROM folio.log", &[])?
            .get(0);
        let insert = tx.prepare(
            "INSERT INTO folio.log (seq, uid, kind, author, at, payload)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (uid) DO NOTHING",
        )?;
        let existing = tx.prepare("SELECT seq FROM folio.log WHERE uid = $1")?;
        let mut placed = Vec::with_capacity(entries.len());
        for entry in entries {
            let payload = serde_json::to_string(&entry.action)
                .map_err(|e| Error::Team(format!("action {} cannot be written: {e}", entry.uid)))?;
            let next = last + 1;
            let inserted = tx.execute(
                &insert,
                &[
                    &next,
                    &entry.uid,
                    &entry.action.kind(),
                    &entry.author,
                    &entry.at,
                    &payload,
                ],
            )?;
            if inserted == 1 {
                last = next;
                placed.push((entry.uid.clone(), next));
            } else {
                let seq: i64 = tx.query_one(&existing, &[&entry.uid])?.get(0);
                placed.push((entry.uid.clone(), seq));
            }
        }
        tx.execute("SELECT pg_notify($1, $2)", &[&CHANNEL, &last.to_string()])?;
        tx.commit()?;
        Ok(placed)
    }

    /// Up to `limit` actions after `after`, in the log's order, with their sequence numbers and
    /// the database roles that pushed them; no more of them than fit in `max_bytes` of payload
    /// (but always the first, however large), so that a log of large imports is received in
    /// pieces a member's memory holds.
    pub fn after(&mut self, after: i64, limit: i64, max_bytes: i64) -> Result<Vec<Pulled>> {
        // `octet_length` reads a stored payload's size without decompressing it.
        let rows = self.client.query(
            "SELECT seq, uid, author, at, payload, pushed_by FROM (
                 SELECT seq, uid, author, at, payload, pushed_by,
                        sum(octet_length(payload)) OVER (ORDER BY seq)
                            - octet_length(payload) AS before
                 FROM folio.log WHERE seq > $1 ORDER BY seq LIMIT $2
             ) AS batch
             WHERE before < $3 ORDER BY seq",
            &[&after, &limit, &max_bytes],
        )?;
        rows.iter()
            .map(|row| {
                let seq: i64 = row.get(0);
                let uid: String = row.get(1);
                let payload: String = row.get(4);
                let action: Action = serde_json::from_str(&payload).map_err(|e| {
                    Error::Team(format!(
                        "action {uid} in the team's log cannot be read by this Folio ({e}); update Folio"
                    ))
                })?;
                Ok(Pulled {
                    team_seq: seq,
                    pushed_by: row.get(5),
                    entry: Entry {
                        seq,
                        uid,
                        author: row.get(2),
                        at: row.get(3),
                        action,
                    },
                })
            })
            .collect()
    }

    /// The log's last sequence number (0 when empty).
    pub fn last_seq(&mut self) -> Result<i64> {
        Ok(self
            .client
            .query_one("SELECT coalesce(max(seq), 0) FROM folio.log", &[])?
            .get(0))
    }
}

/// A connection that listens for other members' appends (`LISTEN` on [`CHANNEL`]).
pub struct Listener {
    client: Client,
}

impl Listener {
    pub fn connect(address: &DatabaseAddress) -> Result<Self> {
        let mut client = TeamLog::connect(address)?.client;
        client.batch_execute(&format!("LISTEN {CHANNEL}"))?;
        Ok(Self { client })
    }

    /// Waits until an append is announced or `timeout` passes; true when one was announced.
    pub fn wait(&mut self, timeout: Duration) -> Result<bool> {
        use postgres::fallible_iterator::FallibleIterator;
        let mut notifications = self.client.notifications();
        Ok(notifications.timeout_iter(timeout).next()?.is_some())
    }
}

/// Why a push failed: refused for want of the right, or anything else.
enum PushError {
    Refused,
    Other(Error),
}

impl From<postgres::Error> for PushError {
    fn from(error: postgres::Error) -> Self {
        if error.code() == Some(&SqlState::INSUFFICIENT_PRIVILEGE) {
            PushError::Refused
        } else {
            PushError::Other(error.into())
        }
    }
}

impl From<Error> for PushError {
    fn from(error: Error) -> Self {
        PushError::Other(error)
    }
}

/// A failed connection in words a person can act on: a refused or missing password, TLS the
/// server does not offer, a certificate that cannot be trusted; else the client's own words.
fn connect_failure(
    address: &DatabaseAddress,
    had_password: bool,
    error: &postgres::Error,
) -> String {
    let role = address.role();
    let host = address.host();
    let text = describe(error);
    if error.code() == Some(&SqlState::INVALID_PASSWORD) {
        return if had_password {
            format!(
                "PostgreSQL refused the password for role {role} on {host}; run `folio team password` to store the right one"
            )
        } else {
            format!(
                "PostgreSQL asks for a password for role {role} on {host} and this computer has none stored; run `folio team password` to store it"
            )
        };
    }
    if text.contains("password missing") {
        return format!(
            "PostgreSQL asks for a password for role {role} on {host} and this computer has none stored; run `folio team password` to store it"
        );
    }
    if text.contains("server does not support TLS") {
        let mode = match address.tls.mode {
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
            _ => "require",
        };
        return format!(
            "{host} does not offer encrypted (TLS) connections, and the address asks for them (sslmode={mode}); ask the database's admin to turn on ssl"
        );
    }
    if text.contains("invalid peer certificate") {
        let why = if text.contains("NotValidForName") || text.contains("not valid for name") {
            format!("it is not made out to {host}")
        } else if text.contains("UnknownIssuer") || text.contains("BadSignature") {
            "it is not signed by a CA this computer trusts".to_owned()
        } else if text.contains("Expired") || text.contains("expired") {
            "it has expired".to_owned()
        } else {
            text.clone()
        };
        return format!(
            "the certificate of {host} cannot be trusted ({why}); give the CA that signed it with sslrootcert=PATH in the address, or ask the database's admin"
        );
    }
    format!("cannot connect to {}: {text}", address.shown)
}

/// The newest team schema this Folio knows.
pub fn latest() -> i32 {
    SCHEMA.last().map_or(0, |(n, _, _)| *n)
}

fn check_known(applied: i32) -> Result<()> {
    if applied > latest() {
        return Err(Error::SchemaTooNew {
            found: applied,
            known: latest(),
        });
    }
    Ok(())
}

/// A PostgreSQL error in words: the server's message when there is one, else the client's.
pub fn describe(error: &postgres::Error) -> String {
    match error.as_db_error() {
        Some(db)
            if [
                SqlState::ADMIN_SHUTDOWN,
                SqlState::CRASH_SHUTDOWN,
                SqlState::CANNOT_CONNECT_NOW,
            ]
            .contains(db.code()) =>
        {
            format!(
                "PostgreSQL stopped or is starting up ({}); nothing is lost: the next sync goes on from where this one stopped",
                db.message()
            )
        }
        Some(db) => db.message().to_owned(),
        None if error.is_closed() => "the connection to the database was lost (the server stopped or the network failed); nothing is lost: the next sync goes on from where this one stopped".to_owned(),
        None => {
            let text = error.to_string();
            let source = std::error::Error::source(error)
                .map(|s| s.to_string())
                .unwrap_or_default();
            if source.is_empty() || text.contains(&source) {
                text
            } else {
                format!("{text}: {source}")
            }
        }
    }
}

//! Team archives (DESIGN §10): each member keeps a whole local archive and shares its journal
//! through a team log in PostgreSQL ([`log`]) and its originals through an object store — a
//! shared folder or S3-compatible storage ([`objects`]). [`sync`] creates, joins and leaves a
//! team and runs one round: send what waits, then receive and apply the rest in the log's order.
//! [`originals`] fetches the team's originals on demand and checks the store.

pub mod address;
pub mod keychain;
pub mod log;
pub mod objects;
pub mod originals;
pub mod sync;
mod tls;

/// What can go wrong in a team operation, in words a person can act on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the team's database: {0}")]
    Database(String),
    #[error("the team's originals: {0}")]
    Objects(String),
    #[error(
        "the team's database was set up by a newer Folio (team schema {found}, this Folio knows up to {known}); update Folio on this computer"
    )]
    SchemaTooNew { found: i32, known: i32 },
    #[error("{0}")]
    Team(String),
    #[error(transparent)]
    Archive(#[from] folio_core::Error),
}

pub type Result<T> = std::result::Result<T, Error>;

impl From<postgres::Error> for Error {
    fn from(error: postgres::Error) -> Self {
        Error::Database(log::describe(&error))
    }
}

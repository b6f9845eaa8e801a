//! A team database's address: a `postgres://user[:password]@host[:port]/database` URL. The
//! archive stores it without its password; the password comes, at each connection, from the
//! address typed in this time, else `FOLIO_TEAM_PASSWORD`, else `PGPASSWORD`.

use url::Url;

use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseAddress {
    /// The URL without a password: what the archive keeps and status shows.
    pub shown: String,
    pub password: Option<String>,
}

impl DatabaseAddress {
    pub fn parse(input: &str) -> Result<Self> {
        let mut url = Url::parse(input.trim()).map_err(|e| {
            Error::Team(format!(
                "{input:?} is not a database address ({e}); write postgres://USER@HOST[:PORT]/DATABASE"
            ))
        })?;
        if !matches!(url.scheme(), "postgres" | "postgresql") {
            return Err(Error::Team(format!(
                "{input:?} is not a PostgreSQL address; write postgres://USER@HOST[:PORT]/DATABASE"
            )));
        }
        let password = url.password().map(percent_decode);
        // Only fails for URLs that cannot have credentials, which postgres:// URLs can.
        let _ = url.set_password(None);
        let password = password.or_else(password_from_environment);
        Ok(Self {
            shown: url.to_string(),
            password,
        })
    }
}

fn password_from_environment() -> Option<String> {
    ["FOLIO_TEAM_PASSWORD", "PGPASSWORD"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|p| !p.is_empty()))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(Some(high)), Some(Some(low))) = (
                bytes.get(i + 1).map(|&b| hex(b)),
                bytes.get(i + 2).map(|&b| hex(b)),
            )
        {
            out.push((high * 16 + low) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_is_kept_out_of_the_stored_address() {
        let address =
            DatabaseAddress::parse("postgres://desk:s%40cret@db.example:5433/press").unwrap();
        assert_eq!(address.shown, "postgres://desk@db.example:5433/press");
        assert_eq!(address.password.as_deref(), Some("s@cret"));
    }

    #[test]
    fn an_address_that_is_not_postgres_is_refused_in_words() {
        let error = DatabaseAddress::parse("mysql://desk@db/press")
            .unwrap_err()
            .to_string();
        assert!(error.contains("not a PostgreSQL address"), "{error}");
        assert!(DatabaseAddress::parse("press office").is_err());
    }
}

//! A team database's address: a `postgres://user[:password]@host[:port]/database[?sslmode=…&
//! sslrootcert=PATH]` URL. The archive stores it without its password; the password comes, at
//! each connection, from the address typed in this time, else from the operating system's
//! keychain (see [`crate::keychain`]). `sslmode` and `sslrootcert` mean what they mean to
//! PostgreSQL's own tools (see [`crate::tls`]).

use std::path::PathBuf;

use url::Url;

use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseAddress {
    /// The URL without a password: what the archive keeps and status shows.
    pub shown: String,
    /// The password given in the address this time, if any.
    pub password: Option<String>,
    /// How the connection is encrypted and the server checked.
    pub tls: TlsSettings,
    /// The URL without password and TLS settings, for the PostgreSQL client.
    connect: String,
    /// See [`Self::keychain_key`].
    key: String,
    /// The login role and the host, for messages.
    role: String,
    host: String,
}

/// `sslmode`, as PostgreSQL's tools read it (`allow` is taken as `prefer`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SslMode {
    /// Never encrypted.
    Disable,
    /// Encrypted when the server offers it, the server not checked (PostgreSQL's default).
    #[default]
    Prefer,
    /// Always encrypted; the server checked only when a CA is given (as PostgreSQL does).
    Require,
    /// Always encrypted, the server's certificate signed by a trusted CA.
    VerifyCa,
    /// As `VerifyCa`, and the certificate names the host connected to.
    VerifyFull,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TlsSettings {
    pub mode: SslMode,
    /// The CA certificates (PEM) to trust instead of the system's: `sslrootcert=PATH`.
    pub root_cert: Option<PathBuf>,
}

const USAGE: &str = "write postgres://USER@HOST[:PORT]/DATABASE (optionally ?sslmode=verify-full&sslrootcert=CA.pem)";

impl DatabaseAddress {
    pub fn parse(input: &str) -> Result<Self> {
        let mut url = Url::parse(input.trim()).map_err(|e| {
            Error::Team(format!(
                "{input:?} is not a database address ({e}); {USAGE}"
            ))
        })?;
        if !matches!(url.scheme(), "postgres" | "postgresql") {
            return Err(Error::Team(format!(
                "{input:?} is not a PostgreSQL address; {USAGE}"
            )));
        }
        let password = url.password().map(percent_decode);
        // Only fails for URLs that cannot have credentials, which postgres:// URLs can.
        let _ = url.set_password(None);
        let role = percent_decode(url.username());
        let host = url.host_str().unwrap_or("localhost").to_owned();
        let mut tls = TlsSettings::default();
        let mut rest: Vec<(String, String)> = Vec::new();
        for (name, value) in url.query_pairs() {
            if name == "sslmode" {
                tls.mode = ssl_mode(&value)?;
            } else if name == "sslrootcert" {
                tls.root_cert = Some(PathBuf::from(value.into_owned()));
            } else {
                rest.push((name.into_owned(), value.into_owned()));
            }
        }
        let shown = url.to_string();
        let mut connect = url;
        connect.set_query(None);
        let key = connect.to_string();
        if !rest.is_empty() {
            connect.query_pairs_mut().extend_pairs(&rest);
        }
        Ok(Self {
            shown,
            password,
            tls,
            connect: connect.to_string(),
            key,
            role,
            host,
        })
    }

    /// `input` with `password` in it, for an address typed without one and a password given
    /// apart (asked for, or read from standard input).
    pub fn with_password(input: &str, password: &str) -> Result<String> {
        Self::parse(input)?;
        let mut url = Url::parse(input.trim())
            .map_err(|e| Error::Team(format!("{input:?} is not a database address ({e})")))?;
        url.set_password(Some(password))
            .map_err(|()| Error::Team(format!("{input:?} cannot carry a password")))?;
        Ok(url.to_string())
    }

    /// The address the PostgreSQL client is given (TLS is set up apart).
    pub(crate) fn connect_string(&self) -> &str {
        &self.connect
    }

    /// Where the keychain keeps this database's password: the address without password, and
    /// without the TLS settings (which can change without the password changing).
    pub fn keychain_key(&self) -> &str {
        &self.key
    }

    /// The login role the address names.
    pub fn role(&self) -> &str {
        &self.role
    }

    pub fn host(&self) -> &str {
        &self.host
    }
}

fn ssl_mode(value: &str) -> Result<SslMode> {
    Ok(match value {
        "disable" => SslMode::Disable,
        "allow" | "prefer" => SslMode::Prefer,
        "require" => SslMode::Require,
        "verify-ca" => SslMode::VerifyCa,
        "verify-full" => SslMode::VerifyFull,
        other => {
            return Err(Error::Team(format!(
                "sslmode={other} is not known; write disable, prefer, require, verify-ca or verify-full"
            )));
        }
    })
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
        assert_eq!(address.role(), "desk");
        assert_eq!(address.host(), "db.example");
    }

    #[test]
    fn a_password_given_apart_goes_into_the_address_encoded() {
        let input =
            DatabaseAddress::with_password("postgres://desk@db/press", "p@ss:wörd").unwrap();
        let address = DatabaseAddress::parse(&input).unwrap();
        assert_eq!(address.password.as_deref(), Some("p@ss:wörd"));
        assert_eq!(address.shown, "postgres://desk@db/press");
    }

    #[test]
    fn tls_settings_are_read_and_kept_in_the_address_but_not_in_the_keychain_key() {
        let address = DatabaseAddress::parse(
            "postgres://desk:pw@db.example/press?sslmode=verify-full&sslrootcert=/etc/team-ca.pem&connect_timeout=5",
        )
        .unwrap();
        assert_eq!(address.tls.mode, SslMode::VerifyFull);
        assert_eq!(
            address.tls.root_cert,
            Some(PathBuf::from("/etc/team-ca.pem"))
        );
        assert!(
            address.shown.contains("sslmode=verify-full"),
            "{}",
            address.shown
        );
        assert!(!address.shown.contains("pw"), "{}", address.shown);
        assert_eq!(
            address.connect_string(),
            "postgres://desk@db.example/press?connect_timeout=5"
        );
        assert_eq!(address.keychain_key(), "postgres://desk@db.example/press");
        assert_eq!(
            DatabaseAddress::parse("postgres://desk@db/press")
                .unwrap()
                .tls
                .mode,
            SslMode::Prefer
        );
    }

    #[test]
    fn an_unknown_sslmode_is_refused_in_words() {
        let error = DatabaseAddress::parse("postgres://desk@db/press?sslmode=always")
            .unwrap_err()
            .to_string();
        assert!(error.contains("sslmode=always is not known"), "{error}");
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

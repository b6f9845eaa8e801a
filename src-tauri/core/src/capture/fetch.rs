//! One HTTP GET with the limits a capture needs: http and https only (checked again at every
//! redirect), certificates checked against the system's trust store, a size and a time limit, no
//! cookies and no stored credentials. Failures come back as [`FetchError`], in words.

use std::sync::Arc;
use std::time::Duration;

use url::Url;

use crate::text::human_size;

/// What a capture may fetch and for how long. The defaults suit real pages; tests lower them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// The largest page (or file served directly) fetched.
    pub page_bytes: u64,
    /// The largest image of a page fetched.
    pub image_bytes: u64,
    /// The longest one request may take, from looking up the name to the last byte.
    pub timeout: Duration,
    /// Redirects followed before giving up.
    pub max_redirects: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            page_bytes: 20 << 20,
            image_bytes: 50 << 20,
            timeout: Duration::from_secs(30),
            max_redirects: 10,
        }
    }
}

/// What a server answered, after its redirects.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The address the answer came from (the last one after redirects).
    pub url: Url,
    /// The media type of the answer, lowercase, without parameters (`text/html`).
    pub media_type: Option<String>,
    /// The `charset` parameter of its Content-Type, as given.
    pub charset: Option<String>,
    /// The file name its Content-Disposition suggests, if any.
    pub file_name: Option<String>,
    pub bytes: Vec<u8>,
}

/// Why a fetch gave nothing, said so that a person knows what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("not a web address Folio can read")]
    NotAnAddress,
    #[error("only http and https links can be imported (this is a {0}: link)")]
    Scheme(String),
    #[error("the server name {0} was not found (offline, or a typing error?)")]
    HostNotFound(String),
    #[error("could not connect to {0} (offline, or the server is down?)")]
    Unreachable(String),
    #[error("the server did not answer within {} seconds", .0.as_secs_f32())]
    Timeout(Duration),
    #[error("the server answered {code} {reason}")]
    Status { code: u16, reason: String },
    #[error("more than {0} redirects; the address may loop")]
    TooManyRedirects(u32),
    #[error("the server redirected without saying where to")]
    BadRedirect,
    #[error("larger than {} (the limit for a {what})", human_size(*limit))]
    TooLarge { limit: u64, what: &'static str },
    #[error("the secure connection failed: {0}")]
    Tls(String),
    #[error("the site's certificate was refused ({0}); the connection would not be private")]
    Certificate(String),
    #[error("the connection failed: {0}")]
    Other(String),
}

/// Fetches with one agent (its connections are reused across a page and its images).
#[derive(Debug)]
pub struct Fetcher {
    agent: ureq::Agent,
    limits: Limits,
}

impl Fetcher {
    pub fn new(limits: Limits) -> Self {
        // ring builds with a C compiler alone on every platform; rustls deprecates its provider
        // only for lacking post-quantum key exchange, which a page fetch can do without.
        #[allow(deprecated)]
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = ureq::tls::TlsConfig::builder()
            .provider(ureq::tls::TlsProvider::Rustls)
            .root_certs(ureq::tls::RootCerts::PlatformVerifier)
            .unversioned_rustls_crypto_provider(provider)
            .build();
        let agent = ureq::Agent::config_builder()
            .tls_config(tls)
            // Redirects are followed here, one hop at a time, so each hop's scheme is checked.
            .max_redirects(0)
            .http_status_as_error(false)
            .timeout_global(Some(limits.timeout))
            .user_agent(concat!(
                "Mozilla/5.0 (compatible; Folio/",
                env!("CARGO_PKG_VERSION"),
                ")"
            ))
            .accept("text/html,application/xhtml+xml,*/*;q=0.8")
            .build()
            .new_agent();
        Self { agent, limits }
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The page (or file) at `url`, at most [`Limits::page_bytes`].
    pub fn page(&self, url: &Url) -> Result<Fetched, FetchError> {
        self.get(url, self.limits.page_bytes, "page")
    }

    /// An image of a page, at most [`Limits::image_bytes`].
    pub fn image(&self, url: &Url) -> Result<Fetched, FetchError> {
        self.get(url, self.limits.image_bytes, "image")
    }

    #[tracing::instrument(level = "debug", skip(self), err(level = "debug"))]
    fn get(&self, url: &Url, max_bytes: u64, what: &'static str) -> Result<Fetched, FetchError> {
        let mut current = url.clone();
        let mut redirects = 0;
        loop {
            check_scheme(&current)?;
            let mut response = self
                .agent
                .get(current.as_str())
                .call()
                .map_err(|e| describe(e, &current, &self.limits))?;
            let status = response.status();
            if status.is_redirection() {
                redirects += 1;
                if redirects > self.limits.max_redirects {
                    return Err(FetchError::TooManyRedirects(self.limits.max_redirects));
                }
                let location = response
                    .headers()
                    .get("location")
                    .and_then(|v| v.to_str().ok())
                    .ok_or(FetchError::BadRedirect)?;
                current = current
                    .join(location.trim())
                    .map_err(|_| FetchError::BadRedirect)?;
                continue;
            }
            if !status.is_success() {
                return Err(FetchError::Status {
                    code: status.as_u16(),
                    reason: status.canonical_reason().unwrap_or("").to_string(),
                });
            }
            let header = |name: &str| {
                response
                    .headers()
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string)
            };
            let content_type = header("content-type");
            let disposition = header("content-disposition");
            let declared: Option<u64> = header("content-length").and_then(|v| v.parse().ok());
            if declared.is_some_and(|length| length > max_bytes) {
                return Err(FetchError::TooLarge {
                    limit: max_bytes,
                    what,
                });
            }
            let bytes = response
                .body_mut()
                .with_config()
                .limit(max_bytes)
                .read_to_vec()
                .map_err(|e| match e {
                    ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge {
                        limit: max_bytes,
                        what,
                    },
                    other => describe(other, &current, &self.limits),
                })?;
            let (media_type, charset) = content_type
                .as_deref()
                .map(parse_content_type)
                .unwrap_or_default();
            return Ok(Fetched {
                url: current,
                media_type,
                charset,
                file_name: disposition.as_deref().and_then(disposition_file_name),
                bytes,
            });
        }
    }
}

/// Refuses anything but http and https.
pub fn check_scheme(url: &Url) -> Result<(), FetchError> {
    match url.scheme() {
        "http" | "https" => Ok(()),
        other => Err(FetchError::Scheme(other.to_string())),
    }
}

fn describe(error: ureq::Error, url: &Url, limits: &Limits) -> FetchError {
    let host = url.host_str().unwrap_or_default().to_string();
    match error {
        ureq::Error::HostNotFound => FetchError::HostNotFound(host),
        ureq::Error::Timeout(_) => FetchError::Timeout(limits.timeout),
        ureq::Error::Io(io) => match tls_error(&io) {
            Some(tls) => describe_tls(tls.clone()),
            None => describe_io(&io, host, limits),
        },
        ureq::Error::ConnectionFailed => FetchError::Unreachable(host),
        ureq::Error::BadUri(_) => FetchError::NotAnAddress,
        ureq::Error::Tls(why) => FetchError::Tls(why.to_string()),
        ureq::Error::Rustls(why) => describe_tls(why),
        other => FetchError::Other(other.to_string()),
    }
}

fn describe_io(io: &std::io::Error, host: String, limits: &Limits) -> FetchError {
    use std::io::ErrorKind;
    match io.kind() {
        ErrorKind::TimedOut | ErrorKind::WouldBlock => FetchError::Timeout(limits.timeout),
        ErrorKind::ConnectionRefused
        | ErrorKind::ConnectionReset
        | ErrorKind::ConnectionAborted
        | ErrorKind::NetworkUnreachable
        | ErrorKind::HostUnreachable
        | ErrorKind::NetworkDown
        | ErrorKind::NotConnected
        | ErrorKind::AddrNotAvailable => FetchError::Unreachable(host),
        // The system resolver's failure reaches us as an untyped I/O error.
        _ if io.to_string().contains("failed to lookup address") => FetchError::HostNotFound(host),
        _ => FetchError::Other(io.to_string()),
    }
}

/// The TLS error inside an I/O error, where rustls reports a refused certificate.
fn tls_error(io: &std::io::Error) -> Option<&rustls::Error> {
    io.get_ref()?.downcast_ref::<rustls::Error>()
}

fn describe_tls(error: rustls::Error) -> FetchError {
    match error {
        rustls::Error::InvalidCertificate(why) => FetchError::Certificate(format!("{why:?}")),
        other => FetchError::Tls(other.to_string()),
    }
}

/// `text/html; charset="windows-1251"` → (`text/html`, `windows-1251`).
pub fn parse_content_type(value: &str) -> (Option<String>, Option<String>) {
    let mut parts = value.split(';');
    let media_type = parts
        .next()
        .map(|t| t.trim().to_ascii_lowercase())
        .filter(|t| !t.is_empty());
    let charset = parts.find_map(|part| {
        let (name, value) = part.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).to_string())
            .filter(|v| !v.is_empty())
    });
    (media_type, charset)
}

/// The file name of `attachment; filename="report.pdf"` (or `filename*=UTF-8''…`).
pub fn disposition_file_name(value: &str) -> Option<String> {
    let mut plain = None;
    for part in value.split(';') {
        let Some((name, raw)) = part.split_once('=') else {
            continue;
        };
        let name = name.trim().to_ascii_lowercase();
        let raw = raw.trim().trim_matches('"');
        if name == "filename*" {
            // RFC 5987: charset'language'percent-encoded
            let encoded = raw.splitn(3, '\'').nth(2).unwrap_or(raw);
            let decoded = percent_encoding_decode(encoded);
            if !decoded.is_empty() {
                return Some(decoded);
            }
        } else if name == "filename" && !raw.is_empty() {
            plain = Some(raw.to_string());
        }
    }
    plain
}

fn percent_encoding_decode(text: &str) -> String {
    url::form_urlencoded::parse(format!("x={}", text.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_type_gives_media_type_and_charset() {
        assert_eq!(
            parse_content_type("text/HTML; charset=\"Windows-1251\""),
            (Some("text/html".into()), Some("Windows-1251".into()))
        );
        assert_eq!(
            parse_content_type("application/pdf"),
            (Some("application/pdf".into()), None)
        );
    }

    #[test]
    fn content_disposition_gives_a_file_name() {
        assert_eq!(
            disposition_file_name("attachment; filename=\"report 2019.pdf\"").as_deref(),
            Some("report 2019.pdf")
        );
        assert_eq!(
            disposition_file_name(
                "attachment; filename=x.pdf; filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82.pdf"
            )
            .as_deref(),
            Some("отчёт.pdf")
        );
        assert_eq!(disposition_file_name("inline"), None);
    }

    #[test]
    fn only_http_and_https_are_fetched() {
        let fetcher = Fetcher::new(Limits::default());
        let error = fetcher
            .page(&Url::parse("ftp://example.org/a.html").unwrap())
            .unwrap_err();
        assert_eq!(error, FetchError::Scheme("ftp".into()));
        assert!(error.to_string().contains("only http and https"));
    }
}

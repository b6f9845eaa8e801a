//! Links become articles: pages, images and files fetched from a web server the test starts,
//! imported as a "Web Page, complete" save of them is — and every way a fetch can fail, each
//! with its own line in the report.

use std::path::PathBuf;
use std::time::Duration;

use folio_core::capture::Limits;
use folio_core::handle::WriteHandle;
use folio_core::import::{ImportOptions, ImportReport};
use folio_core::items::{ArticleView, ItemView};
use folio_core::progress::{CancelToken, NoProgress};
use folio_samples::files;
use folio_samples::web::{Reply, Server};

/// A news page with a byline, a date, a site name and two captioned figures: one image named
/// relative to the site, one by its full address.
fn news_page(image_a: &str, image_b: &str) -> String {
    format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Forum opens in Moscow - Example News</title>
<meta property="og:site_name" content="Example News">
<script>alert('x')</script></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Forum opens in Moscow</h1><p class="byline">By Anna Smith</p>
<time datetime="2019-05-04">May 4, 2019</time>
<figure><img src="{image_a}"><figcaption>Delegates arrive at the forum. [photo/Xinhua]</figcaption></figure>
<p>The first paragraph of the article says what happened at the forum and who was there.</p>
<p>The second paragraph adds the details that readers expect from a complete report of the event.</p>
<figure><img src="{image_b}"><figcaption>The closing session in the main hall.</figcaption></figure>
<p>The third paragraph quotes the organisers, who promised to hold the forum again next year.</p>
</article><footer>Share on social media. Comments (3)</footer></body></html>"#
    )
}

struct Desk {
    temp: tempfile::TempDir,
    archive: WriteHandle,
    server: Server,
}

impl Desk {
    fn new() -> Self {
        let temp = tempfile::tempdir().unwrap();
        let archive = WriteHandle::init(&temp.path().join("archive")).unwrap();
        Self {
            temp,
            archive,
            server: Server::start(),
        }
    }

    /// Serves the news page at `/news/forum-opens` with its two images.
    fn serve_news(&self) -> &Server {
        let page = news_page("/img/arrival.jpg", &self.server.url("/img/closing.jpg"));
        self.server
            .route(
                "/news/forum-opens",
                // A cookie the server sets must never come back (the server refuses one).
                Reply::html(&page).header("Set-Cookie", "session=secret; Path=/"),
            )
            .route(
                "/img/arrival.jpg",
                Reply::bytes("image/jpeg", files::jpeg(64, 48, 1)),
            )
            .route(
                "/img/closing.jpg",
                Reply::bytes("image/jpeg", files::jpeg(48, 64, 2)),
            );
        &self.server
    }

    fn import_with(&mut self, inputs: &[&str], limits: Limits) -> ImportReport {
        let inputs: Vec<PathBuf> = inputs.iter().map(PathBuf::from).collect();
        let options = ImportOptions {
            fetch_limits: limits,
            ..ImportOptions::default()
        };
        self.archive
            .import(&inputs, &options, &NoProgress, &CancelToken::new())
            .unwrap()
            .value
    }

    fn import(&mut self, inputs: &[&str]) -> ImportReport {
        self.import_with(inputs, Limits::default())
    }

    fn article(&self, id: i64) -> ArticleView {
        match self.archive.show(id).unwrap() {
            ItemView::Article(article) => article,
            ItemView::Photo(photo) => panic!("#{id} is a photo: {photo:?}"),
        }
    }

    fn only_article(&self, report: &ImportReport) -> ArticleView {
        let articles: Vec<_> = report
            .imported
            .iter()
            .filter(|i| i.kind == folio_core::items::ItemKind::Article)
            .collect();
        assert_eq!(articles.len(), 1, "{report:?}");
        self.article(articles[0].id)
    }
}

fn fast_limits() -> Limits {
    Limits {
        page_bytes: 1 << 20,
        image_bytes: 1 << 20,
        timeout: Duration::from_millis(500),
        max_redirects: 3,
    }
}

#[test]
fn a_news_page_becomes_an_article_with_its_figures_linked_to_photos() {
    let mut desk = Desk::new();
    let address = desk.serve_news().url("/news/forum-opens");
    let report = desk.import(&[&address]);
    assert!(report.failed.is_empty(), "{report:?}");
    assert_eq!(report.imported.len(), 3, "the article and its two photos");
    assert_eq!(
        report.imported[0].path, address,
        "the report names the link"
    );
    let article = desk.only_article(&report);
    assert_eq!(article.title, "Forum opens in Moscow");
    assert_eq!(article.byline, "Anna Smith");
    assert_eq!(article.site, "Example News");
    assert_eq!(article.published.as_deref(), Some("2019-05-04"));
    assert_eq!(article.url, address);
    let captured = article.captured_at.as_deref().expect("a capture time");
    assert!(
        chrono::DateTime::parse_from_rfc3339(captured).is_ok(),
        "{captured}"
    );
    assert_eq!(article.source_name, "forum-opens.html");
    assert!(
        article
            .body_text
            .contains("promised to hold the forum again")
    );
    assert!(!article.body_text.contains("Share on social media"));
    assert_eq!(article.figures.len(), 2, "{:?}", article.figures);
    assert_eq!(article.figures[0].caption, "Delegates arrive at the forum.");
    assert_eq!(article.figures[0].credit, "Xinhua");
    assert_eq!(
        article.figures[1].caption,
        "The closing session in the main hall."
    );
    for figure in &article.figures {
        let photo = figure
            .photo_id
            .expect("every figure is linked to its photo");
        let ItemView::Photo(photo) = desk.archive.show(photo).unwrap() else {
            panic!("#{photo} is not a photo");
        };
        assert_eq!(photo.caption, figure.caption, "the photo takes its caption");
    }
    assert_eq!(desk.server.hits("/img/arrival.jpg"), 1);
}

#[test]
fn a_captured_page_gives_what_its_saved_copy_gives() {
    let mut desk = Desk::new();
    let address = desk.serve_news().url("/news/forum-opens");
    let captured = desk.import(&[&address]);
    let captured = desk.only_article(&captured);

    // The same page as a browser's "Web Page, complete" save, imported into another archive.
    let saved = desk.temp.path().join("saved");
    std::fs::create_dir_all(saved.join("forum-opens_files")).unwrap();
    let page = news_page(
        "forum-opens_files/arrival.jpg",
        "forum-opens_files/closing.jpg",
    );
    std::fs::write(saved.join("forum-opens.html"), page).unwrap();
    std::fs::write(
        saved.join("forum-opens_files/arrival.jpg"),
        files::jpeg(64, 48, 1),
    )
    .unwrap();
    std::fs::write(
        saved.join("forum-opens_files/closing.jpg"),
        files::jpeg(48, 64, 2),
    )
    .unwrap();
    let mut other = WriteHandle::init(&desk.temp.path().join("other")).unwrap();
    let report = other
        .import(
            &[saved],
            &ImportOptions::default(),
            &NoProgress,
            &CancelToken::new(),
        )
        .unwrap()
        .value;
    assert_eq!(report.imported.len(), 3, "{report:?}");
    let ItemView::Article(from_file) = other.show(report.imported[0].id).unwrap() else {
        panic!("not an article: {report:?}");
    };
    assert_eq!(
        (
            &captured.title,
            &captured.byline,
            &captured.site,
            &captured.published,
            &captured.language,
            &captured.body_text,
        ),
        (
            &from_file.title,
            &from_file.byline,
            &from_file.site,
            &from_file.published,
            &from_file.language,
            &from_file.body_text,
        )
    );
    let figures = |a: &ArticleView| {
        a.figures
            .iter()
            .map(|f| (f.caption.clone(), f.credit.clone(), f.photo_id.is_some()))
            .collect::<Vec<_>>()
    };
    assert_eq!(figures(&captured), figures(&from_file));
    assert_eq!(from_file.captured_at, None, "a file is not a capture");
}

#[test]
fn redirects_are_followed_and_the_final_address_is_recorded() {
    let mut desk = Desk::new();
    let server = desk.serve_news().clone();
    server
        .route("/r1", Reply::redirect("/r2"))
        .route("/r2", Reply::redirect(&server.url("/r3")))
        .route("/r3", Reply::redirect("news/forum-opens"));
    let report = desk.import_with(&[&server.url("/r1")], fast_limits());
    assert!(report.failed.is_empty(), "{report:?}");
    let article = desk.only_article(&report);
    assert_eq!(article.url, server.url("/news/forum-opens"));
    assert_eq!(report.imported[0].path, server.url("/r1"));
}

#[test]
fn a_redirect_loop_stops_at_the_limit() {
    let mut desk = Desk::new();
    desk.server.route("/loop", Reply::redirect("/loop"));
    let address = desk.server.url("/loop");
    let report = desk.import_with(&[&address], fast_limits());
    assert_eq!(report.failed.len(), 1, "{report:?}");
    assert_eq!(report.failed[0].path, address);
    assert!(
        report.failed[0].error.contains("more than 3 redirects"),
        "{report:?}"
    );
    assert_eq!(
        desk.server.hits("/loop"),
        4,
        "the first request and 3 redirects"
    );
}

#[test]
fn a_redirect_to_another_scheme_is_refused() {
    let mut desk = Desk::new();
    desk.server
        .route("/to-file", Reply::redirect("file:///etc/passwd"));
    let report = desk.import_with(&[&desk.server.url("/to-file")], fast_limits());
    assert_eq!(report.failed.len(), 1, "{report:?}");
    assert!(
        report.failed[0].error.contains("only http and https"),
        "{report:?}"
    );
}

#[test]
fn a_slow_server_times_out() {
    let mut desk = Desk::new();
    desk.server.route(
        "/slow",
        Reply::html(&news_page("a.jpg", "b.jpg")).delayed(Duration::from_secs(3)),
    );
    let started = std::time::Instant::now();
    let report = desk.import_with(&[&desk.server.url("/slow")], fast_limits());
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "gave up in time"
    );
    assert_eq!(report.failed.len(), 1, "{report:?}");
    assert!(
        report.failed[0]
            .error
            .contains("did not answer within 0.5 seconds"),
        "{report:?}"
    );
}

#[test]
fn a_huge_answer_is_refused_whether_or_not_its_size_is_declared() {
    let mut desk = Desk::new();
    let huge = "<p>word </p>".repeat(200_000); // 2.4 MB, over the 1 MB limit
    desk.server
        .route("/declared", Reply::html(&huge))
        .route("/undeclared", Reply::html(&huge).without_length());
    let declared = desk.server.url("/declared");
    let undeclared = desk.server.url("/undeclared");
    let report = desk.import_with(&[&declared, &undeclared], fast_limits());
    assert_eq!(report.failed.len(), 2, "{report:?}");
    for failed in &report.failed {
        assert_eq!(
            failed.error, "could not fetch the page: larger than 1 MB (the limit for a page)",
            "{report:?}"
        );
    }
}

/// A Russian page, encoded in windows-1251.
fn russian_page(meta: &str) -> Vec<u8> {
    let page = format!(
        "<html><head>{meta}<title>Форум открылся в Москве</title></head><body><article>\
         <h1>Форум открылся в Москве</h1>\
         <p>Делегаты из двадцати стран собрались в Сколково, чтобы обсудить сотрудничество.</p>\
         <p>Организаторы пообещали провести форум снова в следующем году.</p>\
         </article></body></html>"
    );
    encoding_rs::WINDOWS_1251.encode(&page).0.into_owned()
}

#[test]
fn the_charset_comes_from_the_header_then_the_page() {
    let mut desk = Desk::new();
    desk.server
        .route(
            "/header",
            Reply::bytes("text/html; charset=windows-1251", russian_page("")),
        )
        .route(
            "/meta",
            Reply::bytes(
                "text/html",
                russian_page(
                    r#"<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">"#,
                ),
            ),
        )
        // The header outranks a wrong declaration in the page.
        .route(
            "/both",
            Reply::bytes(
                "text/html; charset=windows-1251",
                russian_page(r#"<meta charset="koi8-r">"#),
            ),
        );
    for path in ["/header", "/meta", "/both"] {
        let report = desk.import_with(&[&desk.server.url(path)], fast_limits());
        let article = match (report.imported.first(), report.duplicates.first()) {
            (Some(item), _) => desk.article(item.id),
            (None, Some(duplicate)) => desk.article(duplicate.id),
            _ => panic!("{path}: {report:?}"),
        };
        assert_eq!(article.title, "Форум открылся в Москве", "{path}");
        assert!(article.body_text.contains("Сколково"), "{path}");
    }
}

#[test]
fn an_image_that_fails_is_noted_and_the_article_still_comes_in() {
    let mut desk = Desk::new();
    let page = news_page("/img/arrival.jpg", "/img/missing.jpg");
    desk.server
        .route("/news/partial", Reply::html(&page))
        .route(
            "/img/arrival.jpg",
            Reply::bytes("image/jpeg", files::jpeg(64, 48, 1)),
        );
    let report = desk.import_with(&[&desk.server.url("/news/partial")], fast_limits());
    let article = desk.only_article(&report);
    assert_eq!(article.figures.len(), 2);
    assert!(article.figures[0].photo_id.is_some());
    assert_eq!(article.figures[1].photo_id, None);
    assert_eq!(report.failed.len(), 1, "{report:?}");
    assert_eq!(report.failed[0].path, desk.server.url("/img/missing.jpg"));
    assert_eq!(
        report.failed[0].error,
        "image not fetched: the server answered 404 Not Found"
    );
}

#[test]
fn a_pdf_or_a_photo_served_directly_is_imported_as_that_kind() {
    let mut desk = Desk::new();
    let pdf = files::text_pdf(&[
        "Annual report on cooperation",
        "",
        "The department signed eleven agreements with partners abroad this year.",
    ]);
    desk.server
        .route(
            "/download",
            Reply::bytes("application/pdf", pdf).header(
                "Content-Disposition",
                "attachment; filename=\"report 2019.pdf\"",
            ),
        )
        .route(
            "/photos/42",
            Reply::bytes(
                "image/jpeg",
                files::jpeg_with_iptc(64, 48, "Delegates at the forum", "Xinhua", &["forum"]),
            ),
        );
    let pdf_address = desk.server.url("/download");
    let photo_address = desk.server.url("/photos/42");
    let report = desk.import_with(&[&pdf_address, &photo_address], fast_limits());
    assert!(report.failed.is_empty(), "{report:?}");
    assert_eq!(report.imported.len(), 2, "{report:?}");
    let article = desk.only_article(&report);
    assert_eq!(article.source_name, "report 2019.pdf");
    assert_eq!(article.url, pdf_address);
    assert!(article.captured_at.is_some());
    assert!(
        article.body_text.contains("eleven agreements"),
        "{article:?}"
    );
    let photo = report
        .imported
        .iter()
        .find(|i| i.kind == folio_core::items::ItemKind::Photo)
        .unwrap();
    assert_eq!(photo.path, photo_address);
    let ItemView::Photo(photo) = desk.archive.show(photo.id).unwrap() else {
        panic!("not a photo");
    };
    assert_eq!(photo.caption, "Delegates at the forum");
    assert_eq!(photo.source_name, "42.jpg");
}

#[test]
fn a_page_imported_twice_is_a_duplicate() {
    let mut desk = Desk::new();
    let address = desk.serve_news().url("/news/forum-opens");
    let first = desk.import(&[&address]);
    let id = desk.only_article(&first).id;
    let second = desk.import(&[&address]);
    assert!(second.imported.is_empty(), "{second:?}");
    assert_eq!(second.duplicates.len(), 1, "{second:?}");
    assert_eq!(second.duplicates[0].path, address);
    assert_eq!(second.duplicates[0].id, id);
    assert_eq!(desk.server.hits("/news/forum-opens"), 2, "fetched again");
}

#[test]
fn what_cannot_be_fetched_gets_a_line_in_words_naming_the_address() {
    let mut desk = Desk::new();
    // A port nobody listens on: bound, then let go.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let refused = format!("http://{}/news", closed.local_addr().unwrap());
    drop(closed);
    desk.server.route(
        "/gone",
        Reply::new(410, "text/html", "<html><body>gone</body></html>"),
    );
    desk.server.route(
        "/empty",
        Reply::html("<html><head><title>Menu</title></head><body><nav>Home</nav></body></html>"),
    );
    let gone = desk.server.url("/gone");
    let missing = desk.server.url("/nothing-here");
    let empty = desk.server.url("/empty");
    let ftp = "ftp://example.org/news.html";
    let report = desk.import_with(&[&refused, &gone, &missing, &empty, ftp], fast_limits());
    let error_of = |address: &str| {
        report
            .failed
            .iter()
            .find(|f| f.path == address)
            .map(|f| f.error.clone())
            .unwrap_or_else(|| panic!("no line for {address}: {report:?}"))
    };
    assert!(
        error_of(&refused).starts_with("could not fetch the page: could not connect to 127.0.0.1"),
        "{report:?}"
    );
    assert_eq!(
        error_of(&gone),
        "could not fetch the page: the server answered 410 Gone"
    );
    assert_eq!(
        error_of(&missing),
        "could not fetch the page: the server answered 404 Not Found"
    );
    assert!(
        error_of(&empty).starts_with("not an article: the page has no text to keep"),
        "{report:?}"
    );
    assert_eq!(
        error_of(ftp),
        "only http and https links can be imported (this is a ftp: link)"
    );
    assert!(report.imported.is_empty(), "{report:?}");
}

/// `.invalid` never resolves (RFC 6761), online or not.
#[test]
fn a_server_name_that_does_not_resolve_is_said_so() {
    let mut desk = Desk::new();
    let address = "http://folio-test.invalid/news";
    let limits = Limits {
        timeout: Duration::from_secs(10),
        ..fast_limits()
    };
    let report = desk.import_with(&[address], limits);
    assert_eq!(report.failed.len(), 1, "{report:?}");
    assert_eq!(
        report.failed[0].error,
        "could not fetch the page: the server name folio-test.invalid was not found \
         (offline, or a typing error?)"
    );
}

#[test]
fn links_and_files_import_together() {
    let mut desk = Desk::new();
    let address = desk.serve_news().url("/news/forum-opens");
    let note = desk.temp.path().join("note.txt");
    std::fs::write(
        &note,
        "Minutes of the meeting\n\nThe committee agreed the programme of the forum.\n",
    )
    .unwrap();
    let report = desk.import(&[note.to_str().unwrap(), &address]);
    assert!(report.failed.is_empty(), "{report:?}");
    assert_eq!(report.imported.len(), 4, "{report:?}");
}

/// A self-signed certificate for 127.0.0.1, which no system trusts (made with
/// `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500
/// -subj "/CN=Folio test server" -addext "subjectAltName=IP:127.0.0.1"
/// -addext "basicConstraints=critical,CA:FALSE"`, the key then in PKCS #8).
const UNTRUSTED_CERTIFICATE: &str = "\
-----BEGIN CERTIFICATE-----
MIIBnDCCAUOgAwIBAgIUJBfm+aWuhSVb3UC9uiWRi6eYwTYwCgYIKoZIzj0EAwIw
HDEaMBgGA1UEAwwRRm9saW8gdGVzdCBzZXJ2ZXIwIBcNMjYxMjA1MTYwNjE5WhgP
MjEyNjExMTExNjA2MTlaMBwxGjAYBgNVBAMMEUZvbGlvIHRlc3Qgc2VydmVyMFkw
EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEK7fT8ikyY+aWSzpd8KUE347XLc4joMUM
DYR9BoJnL1pclZbGKS7n+03v939PJi1KU3sk3Wg7lKU1QgSFmVvAVaNhMF8wHQYD
VR0OBBYEFILH4c3/vQtzf9ka6k8rEAg+ZsEJMB8GA1UdIwQYMBaAFILH4c3/vQtz
f9ka6k8rEAg+ZsEJMA8GA1UdEQQIMAaHBH8AAAEwDAYDVR0TAQH/BAIwADAKBggq
hkjOPQQDAgNHADBEAiA3Jz5Gv60bLqwpyQluTw2JX+xcsX4D0A68AryY1Yw2sQIg
T3pcCFkUghJiE5DOOy2Tu+bvBCjMO4PceNVhj7OI2qo=
-----END CERTIFICATE-----
";
const UNTRUSTED_KEY: &str = "\
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgT/H2XeJHqOdyx/S7
5TZnWOsARbFv3ZGhlrGh/J5aDnKhRANCAAQrt9PyKTJj5pZLOl3wpQTfjtctziOg
xQwNhH0GgmcvWlyVlsYpLuf7Te/3f08mLUpTeyTdaDuUpTVCBIWZW8BV
-----END PRIVATE KEY-----
";

/// An https server on 127.0.0.1 whose certificate no system trusts; its port.
fn https_server_no_one_trusts() -> u16 {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    use std::io::Write;
    let certificates = CertificateDer::pem_slice_iter(UNTRUSTED_CERTIFICATE.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_slice(UNTRUSTED_KEY.as_bytes()).unwrap();
    #[allow(deprecated)]
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let config = std::sync::Arc::new(
        rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(certificates, key)
            .unwrap(),
    );
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let connection = rustls::ServerConnection::new(config.clone()).unwrap();
            let mut tls = rustls::StreamOwned::new(connection, stream);
            let page = news_page("a.jpg", "b.jpg");
            let answer = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{page}",
                page.len()
            );
            // The handshake fails when the client refuses the certificate.
            let _ = tls.write_all(answer.as_bytes());
        }
    });
    port
}

#[test]
fn a_certificate_the_system_does_not_trust_is_refused() {
    let mut desk = Desk::new();
    let address = format!("https://127.0.0.1:{}/news", https_server_no_one_trusts());
    let report = desk.import_with(&[&address], fast_limits());
    assert!(report.imported.is_empty(), "{report:?}");
    assert_eq!(report.failed.len(), 1, "{report:?}");
    assert_eq!(
        report.failed[0].error,
        "could not fetch the page: the site's certificate was refused (UnknownIssuer); \
         the connection would not be private"
    );
}

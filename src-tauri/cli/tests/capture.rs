//! `folio import URL`: a page fetched from a server the test starts comes in as an article that
//! records its address and time of capture; a link that fails gets its line and exit code 1.

use folio_samples::web::{Reply, Server};

use crate::samples;
use crate::util::Sandbox;

#[test]
fn import_of_a_link_records_its_address_and_time_of_capture() {
    let server = Server::start();
    server
        .route(
            "/news/forum",
            Reply::html(&samples::saved_page(
                "Forum opens in Moscow",
                "Delegates arrive. [photo/Xinhua]",
            )),
        )
        .route("/old", Reply::redirect("/news/forum"))
        .route(
            "/news/page_files/photo.jpg",
            Reply::bytes("image/jpeg", samples::jpeg(64, 48, 3)),
        );
    let sandbox = Sandbox::new();
    let before = chrono::Utc::now() - chrono::Duration::seconds(1);
    let report = sandbox
        .folio(&["import", "--json", &server.url("/old")])
        .success()
        .json();
    assert_eq!(report["imported"].as_array().unwrap().len(), 2, "{report}");
    let article = &report["imported"][0];
    assert_eq!(article["kind"], "article");
    assert_eq!(article["path"], server.url("/old"));
    let id = article["id"].as_i64().unwrap().to_string();

    let shown = sandbox.folio(&["show", "--json", &id]).success().json();
    assert_eq!(shown["title"], "Forum opens in Moscow");
    assert_eq!(shown["byline"], "Anna Smith");
    assert_eq!(
        shown["url"],
        server.url("/news/forum"),
        "the address after redirects"
    );
    let captured = shown["captured_at"].as_str().expect("a time of capture");
    let captured = chrono::DateTime::parse_from_rfc3339(captured).unwrap();
    assert!(
        captured >= before && captured <= chrono::Utc::now(),
        "{captured}"
    );
    assert_eq!(shown["figures"][0]["credit"], "Xinhua");
    assert!(shown["figures"][0]["photo_id"].is_i64(), "{shown}");

    let text = sandbox.folio(&["show", &id]).success();
    assert!(text.stdout.contains("Captured"), "{}", text.stdout);

    let again = sandbox
        .folio(&["import", "--json", &server.url("/news/forum")])
        .success()
        .json();
    assert_eq!(
        again["duplicates"][0]["id"].as_i64().unwrap().to_string(),
        id
    );
}

#[test]
fn a_link_that_fails_is_reported_and_exits_1() {
    let server = Server::start();
    let sandbox = Sandbox::new();
    let missing = server.url("/missing");
    let run = sandbox.folio(&["import", "--json", &missing, "gopher://example.org/"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let report = run.json();
    assert_eq!(report["failed"][0]["path"], missing);
    assert_eq!(
        report["failed"][0]["error"],
        "could not fetch the page: the server answered 404 Not Found"
    );
    assert_eq!(
        report["failed"][1]["error"],
        "only http and https links can be imported (this is a gopher: link)"
    );
}

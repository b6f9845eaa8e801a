//! The `folio-thumb` protocol: the window loads thumbnails as images by URL instead of receiving
//! them over IPC. It serves only `derived/thumbs/…/<sha256>-<size>.jpg`; every other path is
//! refused (see `folio_core::thumbnails::resolve_request`).

use tauri::http::{Request, Response, StatusCode, header};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};

use crate::state::AppState;

pub const SCHEME: &str = "folio-thumb";

pub fn serve<R: Runtime>(
    context: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let derived = context.app_handle().state::<AppState>().derived_dir();
    let path = request.uri().path().to_string();
    // Off the UI thread: a grid asks for many thumbnails at once.
    std::thread::spawn(move || {
        let file = derived.and_then(|d| folio_core::thumbnails::resolve_request(&d, &path));
        let response = match file.map(std::fs::read) {
            Some(Ok(bytes)) => Response::builder()
                .status(StatusCode::OK)
                .header(header::CONTENT_TYPE, "image/jpeg")
                .header(header::CACHE_CONTROL, "max-age=31536000, immutable")
                .body(bytes),
            Some(Err(_)) => Response::builder()
                .status(StatusCode::NOT_FOUND)
                .body(Vec::new()),
            None => Response::builder()
                .status(StatusCode::FORBIDDEN)
                .body(Vec::new()),
        };
        match response {
            Ok(response) => responder.respond(response),
            Err(error) => tracing::warn!("thumbnail response: {error}"),
        }
    });
}

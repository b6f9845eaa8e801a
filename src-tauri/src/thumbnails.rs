//! The `folio-thumb` protocol: the window loads thumbnails as images by URL instead of receiving
//! them over IPC. It serves only `derived/thumbs/…/<sha256>-<size>.jpg`; every other path is
//! refused (see `folio_core::thumbnails::resolve_request`). A team member's thumbnail that is
//! not here yet is fetched from the team's store on the way.

use tauri::http::{Request, Response, StatusCode, header};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};

use crate::state::AppState;

pub const SCHEME: &str = "folio-thumb";

pub fn serve<R: Runtime>(
    context: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let app = context.app_handle().clone();
    let derived = app.state::<AppState>().derived_dir();
    let path = request.uri().path().to_string();
    // Off the UI thread: a grid asks for many thumbnails at once.
    std::thread::spawn(move || {
        let file = derived.and_then(|d| folio_core::thumbnails::resolve_request(&d, &path));
        let bytes =
            file.map(|file| std::fs::read(&file).or_else(|error| fetched(&app, &path, error)));
        let response = match bytes {
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

/// A thumbnail that is not in the archive's folder, fetched from the team's store when the
/// archive is a member and the team has it; otherwise the error reading it gave.
fn fetched<R: Runtime>(
    app: &tauri::AppHandle<R>,
    path: &str,
    not_here: std::io::Error,
) -> std::io::Result<Vec<u8>> {
    let Some((sha256, size)) = folio_core::thumbnails::parse_request(path) else {
        return Err(not_here);
    };
    let state = app.state::<AppState>();
    let Ok(reader) = state.reader() else {
        return Err(not_here);
    };
    match reader.thumbnail_file(&sha256, size) {
        Ok(Some(file)) => std::fs::read(file),
        Ok(None) => Err(not_here),
        Err(error) => {
            tracing::info!("thumbnail {sha256} not fetched from the team: {error}");
            Err(not_here)
        }
    }
}

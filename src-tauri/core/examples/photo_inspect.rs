//! Prints what `photo::extract` finds in each file given, and with `--thumbs DIR` writes the
//! thumbnails there (`<name>.<side>.jpg`): a quick look at real files during development.
//!
//! `cargo run --release -p folio-core --example photo_inspect -- [--thumbs DIR] FILE...`

use std::path::PathBuf;

use folio_core::photo;

fn main() {
    let mut args = std::env::args_os().skip(1);
    let mut thumbs_dir: Option<PathBuf> = None;
    let mut files = Vec::new();
    while let Some(arg) = args.next() {
        if arg == "--thumbs" {
            thumbs_dir = args.next().map(PathBuf::from);
        } else {
            files.push(PathBuf::from(arg));
        }
    }
    for path in files {
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) => {
                println!("{}: cannot read: {e}", path.display());
                continue;
            }
        };
        match photo::extract(&bytes) {
            Err(e) => println!("{}: {e}", path.display()),
            Ok(draft) => {
                println!("{}:", path.display());
                println!("  {} {}×{}", draft.media_type, draft.width, draft.height);
                for (label, value) in [
                    ("title", &draft.title),
                    ("caption", &draft.caption),
                    ("credit", &draft.credit),
                    ("byline", &draft.byline),
                    ("copyright", &draft.copyright),
                    ("camera", &draft.camera),
                ] {
                    if !value.is_empty() {
                        println!("  {label}: {value}");
                    }
                }
                if !draft.keywords.is_empty() {
                    println!("  keywords: {}", draft.keywords.join(", "));
                }
                if let Some(taken) = &draft.taken {
                    println!("  taken: {taken}");
                }
                if let Some((lat, lon)) = draft.gps {
                    println!("  gps: {lat:.6}, {lon:.6}");
                }
                for thumb in &draft.thumbnails {
                    println!(
                        "  thumbnail {}: {}×{}, {} bytes",
                        thumb.max_side,
                        thumb.width,
                        thumb.height,
                        thumb.jpeg.len()
                    );
                    if let Some(dir) = &thumbs_dir {
                        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
                        let out = dir.join(format!("{stem}.{}.jpg", thumb.max_side));
                        if let Err(e) = std::fs::write(&out, &thumb.jpeg) {
                            println!("  cannot write {}: {e}", out.display());
                        }
                    }
                }
            }
        }
    }
}

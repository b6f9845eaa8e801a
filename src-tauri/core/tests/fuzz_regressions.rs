//! The fuzz targets' entry points under `cargo test`: every seed of `fuzz/seeds/` reads as the
//! real file it is, through the same calls as its target (`fuzz_input` feeds each one as its
//! `fuzz/fuzz_targets/*.rs` does). An input fuzzing finds to crash a reader belongs here too, as
//! a test named after the bug that feeds it to `fuzz_input`.

use std::fs;
use std::path::{Path, PathBuf};

use folio_core::article::{self, ArticleFormat};
use folio_core::bundle::read;
use folio_core::import::ZipLimits;
use folio_core::import::zip_bundle;
use folio_core::photo::{self, PhotoDraft, PhotoFormat};
use folio_core::progress::CancelToken;

/// What a reader made of one input, reduced to whether it found what a real file carries.
enum Outcome {
    /// Read, with some text or metadata.
    Content,
    /// Read, but nothing in it.
    Nothing,
    /// Refused with an error.
    Refused(String),
}

fn fuzz_input(target: &str, bytes: &[u8]) -> Outcome {
    match target {
        "article_html" => article_outcome(&[ArticleFormat::Html], bytes),
        "article_text" => article_outcome(&[ArticleFormat::Text, ArticleFormat::Markdown], bytes),
        "article_mhtml" => article_outcome(&[ArticleFormat::Mhtml], bytes),
        "article_office" => article_outcome(&[ArticleFormat::Docx, ArticleFormat::Odt], bytes),
        "article_pdf" => article_outcome(&[ArticleFormat::Pdf], bytes),
        "photo_metadata" => photo_outcome(photo::read_metadata(bytes)),
        "photo_iptc" => photo_outcome(photo::read_metadata(&jpeg_carrying_iim(bytes))),
        "photo_xmp" => {
            let mut draft = empty_draft();
            photo_outcome(photo::apply_xmp_sidecar(&mut draft, bytes).map(|()| draft))
        }
        "zip_bundle" => zip_outcome(bytes),
        "bundle_reader" => bundle_reader_outcome(bytes),
        other => panic!("no fuzz target is called {other}"),
    }
}

/// Reads `bytes` as every one of `formats`, as the target does, and keeps the best outcome: a
/// DOCX is no ODT, but it is a document.
fn article_outcome(formats: &[ArticleFormat], bytes: &[u8]) -> Outcome {
    let outcomes: Vec<Outcome> = formats
        .iter()
        .map(
            |&format| match article::extract_unguarded(bytes, format, "input") {
                Ok(draft) if draft.body_text.trim().is_empty() => Outcome::Nothing,
                Ok(_) => Outcome::Content,
                Err(err) => Outcome::Refused(err.to_string()),
            },
        )
        .collect();
    let rank = |outcome: &Outcome| match outcome {
        Outcome::Content => 0,
        Outcome::Nothing => 1,
        Outcome::Refused(_) => 2,
    };
    outcomes
        .into_iter()
        .min_by_key(rank)
        .unwrap_or(Outcome::Nothing)
}

fn photo_outcome(read: Result<PhotoDraft, photo::PhotoError>) -> Outcome {
    match read {
        Ok(d)
            if [&d.title, &d.caption, &d.byline, &d.credit, &d.camera]
                .iter()
                .all(|field| field.is_empty()) =>
        {
            Outcome::Nothing
        }
        Ok(_) => Outcome::Content,
        Err(err) => Outcome::Refused(err.to_string()),
    }
}

fn zip_outcome(bytes: &[u8]) -> Outcome {
    let Ok(dir) = tempfile::tempdir() else {
        panic!("cannot create a temporary folder");
    };
    let path = dir.path().join("bundle.zip");
    if let Err(err) = fs::write(&path, bytes) {
        panic!("cannot write {}: {err}", path.display());
    }
    // The fuzz target's limits: smaller than the app's, the same checks.
    let limits = ZipLimits {
        max_entries: 1_000,
        max_total_bytes: 8 << 20,
        max_ratio: 200,
    };
    let cancel = CancelToken::new();
    let unpacking = zip_bundle::Unpacking {
        limits: &limits,
        scratch: None,
        cancel: &cancel,
    };
    match zip_bundle::unpack(&path, "bundle.zip", &unpacking, 0) {
        Ok(unpacked) if unpacked.report.skipped.is_empty() && !has_files(unpacked.dir.path()) => {
            Outcome::Nothing
        }
        Ok(_) => Outcome::Content,
        Err(err) => Outcome::Refused(err),
    }
}

/// The bundle reader's texts — payload manifest, items.json, bag-info.txt — separated by NUL
/// bytes, as the `bundle_reader` target splits its input.
fn bundle_reader_outcome(bytes: &[u8]) -> Outcome {
    let text = String::from_utf8_lossy(bytes);
    let mut parts = text.splitn(3, '\0');
    let (manifest, items, bag_info) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    match read::read_bag_texts(manifest, items, bag_info) {
        Ok(0) => Outcome::Nothing,
        Ok(_) => Outcome::Content,
        Err(err) => Outcome::Refused(err),
    }
}

fn has_files(dir: &Path) -> bool {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .any(|entry| entry.file_type().is_file())
}

/// The smallest JPEG that carries `iim` in an APP13 Photoshop resource 0x0404, as the
/// `photo_iptc` target builds it.
fn jpeg_carrying_iim(iim: &[u8]) -> Vec<u8> {
    const HEADER: &[u8] = b"Photoshop 3.0\08BIM\x04\x04\0\0";
    let iim = &iim[..iim.len().min(usize::from(u16::MAX) - 2 - HEADER.len() - 4)];
    let segment_len = u16::try_from(2 + HEADER.len() + 4 + iim.len()).unwrap_or(u16::MAX);
    let resource_size = u32::try_from(iim.len()).unwrap_or(u32::MAX);
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xED];
    jpeg.extend_from_slice(&segment_len.to_be_bytes());
    jpeg.extend_from_slice(HEADER);
    jpeg.extend_from_slice(&resource_size.to_be_bytes());
    jpeg.extend_from_slice(iim);
    jpeg.extend_from_slice(&[0xFF, 0xD9]);
    jpeg
}

fn empty_draft() -> PhotoDraft {
    PhotoDraft::without_metadata(PhotoFormat::Jpeg, 1, 1, Vec::new())
}

/// `(target, file)` for every file under `root/TARGET/`, sorted.
fn inputs_under(root: &Path) -> Vec<(String, PathBuf)> {
    let mut inputs = Vec::new();
    let Ok(targets) = fs::read_dir(root) else {
        panic!("cannot read {}", root.display());
    };
    for target in targets.flatten() {
        let name = target.file_name().to_string_lossy().into_owned();
        for file in fs::read_dir(target.path()).into_iter().flatten().flatten() {
            inputs.push((name.clone(), file.path()));
        }
    }
    inputs.sort();
    inputs
}

fn read(path: &Path) -> Vec<u8> {
    fs::read(path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
}

#[test]
fn every_fuzz_seed_is_read_with_its_content() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/seeds");
    let inputs = inputs_under(&seeds);
    assert!(!inputs.is_empty(), "no seeds under {}", seeds.display());
    for (target, path) in inputs {
        // A seed that a reader refuses or finds empty steers fuzzing nowhere useful.
        let shown = path.display();
        match fuzz_input(&target, &read(&path)) {
            Outcome::Content => {}
            Outcome::Nothing => panic!("{target} seed {shown} reads as empty"),
            Outcome::Refused(why) => panic!("{target} seed {shown} is refused: {why}"),
        }
    }
}

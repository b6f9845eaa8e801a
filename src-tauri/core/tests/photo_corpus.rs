//! `photo::extract` over the real camera files of the shared exif-samples corpus (valid ones,
//! deliberately invalid ones, phones' HEIC): valid files extract with sane sizes, invalid ones
//! fail with a reason, nothing panics or hangs. Skipped with a notice when the corpus is
//! absent (it lives in `shared/` beside the repository, or where `FOLIO_EXIF_SAMPLES` points).

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use crate::photo_support::decode_rgb;
use folio_core::photo::{self, PhotoDraft, PhotoError, PhotoFormat};

fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("FOLIO_EXIF_SAMPLES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/exif-samples")
        });
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "notice: exif-samples corpus not found at {}; test skipped",
            dir.display()
        );
        None
    }
}

fn image_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for path in entries.flatten().map(|entry| entry.path()) {
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_lowercase();
            if path.is_dir() {
                stack.push(path);
            } else if [
                "jpg", "jpeg", "tif", "tiff", "heic", "heif", "png", "webp", "gif",
            ]
            .contains(&ext.as_str())
            {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Extracts on another thread so that a hang fails the test instead of stalling it.
fn extract_with_timeout(path: &Path) -> Result<PhotoDraft, PhotoError> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(photo::extract(&bytes));
    });
    match receive.recv_timeout(Duration::from_secs(20)) {
        Ok(outcome) => outcome,
        Err(_) => panic!("{}: extract hung or panicked", path.display()),
    }
}

fn assert_sane(path: &Path, draft: &PhotoDraft) {
    let name = path.display();
    assert!(
        (1..=20_000).contains(&draft.width) && (1..=20_000).contains(&draft.height),
        "{name}: {}×{}",
        draft.width,
        draft.height
    );
    assert_eq!(draft.thumbnails.len(), 2, "{name}");
    for thumb in &draft.thumbnails {
        assert!(
            thumb.width.max(thumb.height) <= thumb.max_side,
            "{name}: {thumb:?}"
        );
        assert!(
            thumb.jpeg.starts_with(&[0xFF, 0xD8]) && thumb.jpeg.len() > 100,
            "{name}"
        );
        let portrait_thumb = thumb.height > thumb.width;
        let portrait_photo = draft.height > draft.width;
        assert!(
            thumb.width == thumb.height || portrait_thumb == portrait_photo,
            "{name}: orientation"
        );
    }
}

#[test]
fn every_exif_sample_extracts_or_fails_with_a_reason_without_panics_or_hangs() {
    let Some(dir) = corpus() else { return };
    let files = image_files(&dir);
    assert!(
        files.len() > 50,
        "only {} files found in {}",
        files.len(),
        dir.display()
    );
    let mut failures = Vec::new();
    for path in &files {
        let rel = path
            .strip_prefix(&dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let outcome = extract_with_timeout(path);
        match (&outcome, rel.as_str()) {
            (Ok(draft), _) => assert_sane(path, draft),
            (Err(PhotoError::Corrupt(reason)), r)
                if r.starts_with("jpg/invalid/") || r == "jpg/corrupted.jpg" =>
            {
                println!("{rel}: failed as expected: {reason}");
            }
            (Err(e), _) => failures.push(format!("{rel}: {e}")),
        }
        if let Ok(draft) = &outcome {
            println!(
                "{rel}: {}×{} {:?} caption={:?} camera={:?} taken={:?} gps={:?}",
                draft.width,
                draft.height,
                draft.format,
                draft.caption,
                draft.camera,
                draft.taken,
                draft.gps
            );
        }
    }
    assert!(
        failures.is_empty(),
        "valid samples that failed:\n{}",
        failures.join("\n")
    );
}

#[test]
fn phone_heic_files_are_upright_with_their_camera_date_and_place() {
    let Some(dir) = corpus() else { return };
    let extract = |name: &str| extract_with_timeout(&dir.join("heic").join(name)).unwrap();
    // Stored 4032×3024, turned by its container (irot 270°) and by EXIF 6: portrait, once.
    let iphone = extract("mobile/iphone_13_pro_max.HEIC");
    assert_eq!(iphone.format, PhotoFormat::Heic);
    assert_eq!((iphone.width, iphone.height), (3024, 4032));
    assert_eq!(iphone.camera, "Apple iPhone 13 Pro Max");
    assert!(iphone.taken.is_some());
    let large = &iphone.thumbnails[1];
    assert_eq!((large.width, large.height), (768, 1024));
    // Turned by its container alone (EXIF says upright).
    let nokia = extract("mobile/HMD_Nokia_8.3_5G.heif");
    assert_eq!((nokia.width, nokia.height), (3456, 4608));
    let (lat, lon) = nokia.gps.expect("the Nokia photo has GPS");
    assert!(
        (40.0..41.0).contains(&lat) && (-5.0..-3.0).contains(&lon),
        "{lat},{lon}"
    );
    let older = extract("IMG_5195.HEIC");
    assert_eq!((older.width, older.height), (2566, 3313));
    assert_eq!(older.camera, "Apple iPhone 11 Pro Max");
    assert!(older.gps.is_some());
}

#[test]
fn the_eight_exif_orientations_give_the_same_upright_thumbnail() {
    let Some(dir) = corpus() else { return };
    for shape in ["landscape", "portrait"] {
        let load = |n: u32| {
            let path = dir.join(format!("jpg/orientation/{shape}_{n}.jpg"));
            let draft = photo::extract(&std::fs::read(&path).unwrap()).unwrap();
            let thumb = &draft.thumbnails[0];
            let image = image::DynamicImage::ImageRgb8(decode_rgb(&thumb.jpeg)).to_luma8();
            ((draft.width, draft.height), image)
        };
        let (size, reference) = load(1);
        let mean_diff = |a: &image::GrayImage, b: &image::GrayImage| {
            let sum: u64 = a
                .pixels()
                .zip(b.pixels())
                .map(|(p, q)| u64::from(p[0].abs_diff(q[0])))
                .sum();
            sum as f64 / f64::from(a.width() * a.height())
        };
        for n in 2..=8 {
            let (other_size, other) = load(n);
            assert_eq!(other_size, size, "{shape}_{n}: reported size");
            assert_eq!(
                other.dimensions(),
                reference.dimensions(),
                "{shape}_{n}: thumbnail size"
            );
            // The samples differ in their overlaid digit and alignment, so "upright" means: closer
            // to sample 1 than any wrongly flipped or turned version of it.
            let upright = mean_diff(&reference, &other);
            let wrong = [
                image::imageops::flip_horizontal(&reference),
                image::imageops::flip_vertical(&reference),
                image::imageops::rotate180(&reference),
            ];
            for (i, wrong) in wrong.iter().enumerate() {
                let d = mean_diff(wrong, &other);
                assert!(
                    upright * 1.5 < d,
                    "{shape}_{n}: upright {upright:.1} vs transform {i} {d:.1}"
                );
            }
        }
    }
}

#[test]
fn gps_samples_give_coordinates_in_range() {
    let Some(dir) = corpus() else { return };
    let draft = photo::extract(&std::fs::read(dir.join("jpg/gps/DSCN0010.jpg")).unwrap()).unwrap();
    let (lat, lon) = draft.gps.expect("DSCN0010.jpg has GPS");
    assert!(
        (43.0..44.0).contains(&lat) && (11.0..12.0).contains(&lon),
        "{lat},{lon}"
    );
    assert_eq!(draft.camera, "NIKON COOLPIX P6000");
}

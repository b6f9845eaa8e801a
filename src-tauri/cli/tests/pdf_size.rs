//! A PDF dossier stays small whatever goes in: photos placed at print resolution for the size the
//! template shows them (unless the originals are asked for), long texts cut with a note. Checked
//! with poppler's `pdfimages -list` and `pdftotext`; the large inputs are made here.

use crate::samples;

use std::fs;
use std::path::Path;

use crate::util::Sandbox;

/// Imports everything in `inputs` and returns the ids, in the order of the paths given.
fn import(sandbox: &Sandbox, inputs: &[&Path]) -> Vec<String> {
    let mut args = vec!["import", "--json"];
    args.extend(inputs.iter().map(|p| p.to_str().unwrap()));
    let report = sandbox.folio(&args).success().json();
    let imported = report["imported"].as_array().unwrap();
    assert_eq!(imported.len(), inputs.len(), "{report}");
    inputs
        .iter()
        .map(|input| {
            imported
                .iter()
                .find(|i| i["path"].as_str() == input.to_str())
                .unwrap_or_else(|| panic!("{} not imported: {report}", input.display()))["id"]
                .to_string()
        })
        .collect()
}

fn export_pdf(sandbox: &Sandbox, name: &str, ids: &[String], extra: &[&str]) -> std::path::PathBuf {
    let pdf = sandbox.path().join(name);
    let mut args = vec![
        "export",
        "--format",
        "pdf",
        "--output",
        pdf.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    args.extend(ids.iter().map(String::as_str));
    sandbox.folio(&args).success();
    pdf
}

/// Width and height of every image in the PDF, as `pdfimages -list` gives them.
fn image_sizes(pdf: &Path) -> Vec<(u32, u32)> {
    let list = tool("pdfimages", &["-list", pdf.to_str().unwrap()]);
    list.lines()
        .skip(2)
        .map(|line| {
            let columns: Vec<&str> = line.split_whitespace().collect();
            (columns[3].parse().unwrap(), columns[4].parse().unwrap())
        })
        .collect()
}

fn tool(program: &str, args: &[&str]) -> String {
    let output = std::process::Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} is needed for this test: {e}"));
    assert!(
        output.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Imports three 12 MP camera-sized photos (two landscape, one portrait) and a small one.
fn photos(sandbox: &Sandbox) -> (Vec<String>, Vec<u8>) {
    let dir = sandbox.path().join("photos");
    fs::create_dir_all(&dir).unwrap();
    let small = samples::jpeg(400, 300, 7);
    let files = [
        ("a.jpg", samples::jpeg(4000, 3000, 1)),
        ("b.jpg", samples::jpeg(4000, 3000, 2)),
        ("c.jpg", samples::jpeg(3000, 4000, 3)),
        ("small.jpg", small.clone()),
    ];
    let mut paths = Vec::new();
    for (name, bytes) in files {
        fs::write(dir.join(name), bytes).unwrap();
        paths.push(dir.join(name));
    }
    let paths: Vec<&Path> = paths.iter().map(|p| p.as_path()).collect();
    (import(sandbox, &paths), small)
}

/// Imports a 3 MB one-line text and a text of 60,000 short lines: each far beyond what a dossier
/// shows, and each ending in a marker.
fn long_texts(sandbox: &Sandbox) -> Vec<String> {
    let dir = sandbox.path().join("texts");
    fs::create_dir_all(&dir).unwrap();
    let one_line = format!(
        "Opening words {} closing-marker-one\n",
        "lorem ipsum dolor ".repeat(170_000)
    );
    let mut many_lines = String::from("Many lines\n\n");
    for i in 0..60_000 {
        many_lines.push_str(&format!("Line number {i} of the minutes.\n"));
    }
    many_lines.push_str("closing-marker-two\n");
    let (long, lines) = (dir.join("long.txt"), dir.join("lines.txt"));
    fs::write(&long, &one_line).unwrap();
    fs::write(&lines, &many_lines).unwrap();
    import(sandbox, &[&long, &lines])
}

#[test]
fn a_dossier_of_long_texts_and_camera_photos_is_small_with_photos_at_300_dpi_and_texts_cut() {
    let sandbox = Sandbox::new();
    let texts = long_texts(&sandbox);
    let (photos, small) = photos(&sandbox);
    let pdf = export_pdf(&sandbox, "dossier.pdf", &[texts, photos].concat(), &[]);

    let mut sizes = image_sizes(&pdf);
    sizes.sort_unstable();
    // A4: the column is 16.6 cm (1961 px at 300 dpi); a photo page is at most 15.5 cm tall
    // (1831 px). The small photo is shown larger than its pixels and goes in as it is.
    assert_eq!(
        sizes,
        [(400, 300), (1373, 1831), (1961, 1471), (1961, 1471)]
    );
    let bytes = fs::metadata(&pdf).unwrap().len();
    assert!(bytes < 6_000_000, "the dossier is {bytes} bytes");

    let out = sandbox.path().join("extracted");
    fs::create_dir(&out).unwrap();
    let prefix = out.join("img");
    tool(
        "pdfimages",
        &["-j", pdf.to_str().unwrap(), prefix.to_str().unwrap()],
    );
    let found = fs::read_dir(&out)
        .unwrap()
        .any(|entry| fs::read(entry.unwrap().path()).unwrap() == small);
    assert!(found, "the small JPEG's bytes are in the PDF unchanged");

    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    let text = text.replace(['\u{ad}', '\u{2060}'], "");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Opening words"),
        "the start of the text is shown"
    );
    assert!(flat.contains("Line number 10 of the minutes."));
    assert!(
        !flat.contains("closing-marker"),
        "the end of each text is cut"
    );
    let notes = flat.matches("The rest of this article (").count();
    assert_eq!(notes, 2, "one note per cut article");
    assert!(
        flat.contains("characters) is not in this dossier; it is in the original file, long.txt.")
    );
}

#[test]
fn originals_are_kept_when_asked_and_max_image_px_still_caps_the_long_side() {
    let sandbox = Sandbox::new();
    let photo = sandbox.path().join("photo.jpg");
    fs::write(&photo, samples::jpeg(2400, 1800, 5)).unwrap();
    let ids = import(&sandbox, &[&photo]);
    let print = export_pdf(&sandbox, "print.pdf", &ids, &[]);
    assert_eq!(image_sizes(&print), [(1961, 1471)]);
    let original = export_pdf(&sandbox, "original.pdf", &ids, &["--original-images"]);
    assert_eq!(image_sizes(&original), [(2400, 1800)]);
    let capped = export_pdf(&sandbox, "capped.pdf", &ids, &["--max-image-px", "800"]);
    assert_eq!(image_sizes(&capped), [(800, 600)]);
    let zero = sandbox.folio(&[
        "export",
        "--format",
        "pdf",
        "--output",
        "x.pdf",
        "--max-image-px",
        "0",
        &ids[0],
    ]);
    assert_eq!(zero.code, 2, "{}", zero.stderr);
}

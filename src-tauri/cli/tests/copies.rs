//! `folio copy`: photos taken out of the archive carry the captions as edited in Folio, read back
//! with exiftool in English, Chinese and Russian; the originals stay byte for byte; copies get
//! the umask's permissions, never overwrite, and a damaged original leaves nothing behind.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use folio_samples::photos;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::library::tool;
use crate::samples;
use crate::util::Sandbox;

/// What exiftool reads from a file, by group and tag (`IPTC:Caption-Abstract`).
fn exiftool(path: &Path) -> Value {
    let json = tool(
        "exiftool",
        &["-j", "-G1", "-charset", "iptc=UTF8", path.to_str().unwrap()],
    );
    serde_json::from_str::<Value>(&json).unwrap()[0].clone()
}

/// The SHA-256 of every file under `objects/`, by path.
fn objects(archive: &Path) -> BTreeMap<PathBuf, String> {
    let mut found = BTreeMap::new();
    let mut stack = vec![archive.join("objects")];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let digest = Sha256::digest(fs::read(&path).unwrap());
                found.insert(path, format!("{digest:x}"));
            }
        }
    }
    found
}

fn import(sandbox: &Sandbox, path: &Path) -> String {
    let report = sandbox
        .folio(&["import", "--json", path.to_str().unwrap()])
        .success()
        .json();
    report["imported"][0]["id"].to_string()
}

fn edit(sandbox: &Sandbox, id: &str, field: &str, value: &str) {
    sandbox.folio(&["edit", id, field, value]).success();
}

/// The bytes from the first scan on: the compressed pixels of a JPEG.
fn scans(jpeg: &[u8]) -> &[u8] {
    let at = jpeg.windows(2).position(|w| w == [0xFF, 0xDA]).unwrap();
    &jpeg[at..]
}

struct Edited {
    name: &'static str,
    title: &'static str,
    caption: &'static str,
    credit: &'static str,
    byline: &'static str,
}

const EDITED: [Edited; 3] = [
    Edited {
        name: "skolkovo-en.jpg",
        title: "Skolkovo dialogue",
        caption: "Delegates at the China-Russia innovation dialogue in Skolkovo, October 16",
        credit: "SAFEA",
        byline: "Anna Smirnova",
    },
    Edited {
        name: "skolkovo-zh.jpg",
        title: "中俄创新对话",
        caption: "中俄创新对话在莫斯科斯科尔科沃创新中心举行",
        credit: "国家外国专家局",
        byline: "王小明",
    },
    Edited {
        name: "skolkovo-ru.jpg",
        title: "Диалог в Сколково",
        caption: "Российско-китайский диалог по инновациям в Сколково, 16 октября",
        credit: "ТАСС",
        byline: "Анна Смирнова",
    },
];

#[test]
fn copies_carry_the_edited_captions_in_three_scripts_and_leave_the_originals_alone() {
    let sandbox = Sandbox::new();
    let inputs = sandbox.path().join("in");
    fs::create_dir(&inputs).unwrap();
    let camera_exif = photos::exif_tiff(&[
        photos::ascii(exif::Tag::Make, "Canon"),
        photos::ascii(exif::Tag::Model, "Canon EOS 40D"),
        photos::short(exif::Tag::Orientation, 6),
    ]);
    let mut ids = Vec::new();
    let mut originals = Vec::new();
    for (seed, edited) in EDITED.iter().enumerate() {
        let base = samples::jpeg_with_iptc(
            96 + seed as u32,
            64,
            "the agency's caption",
            "the agency",
            &["Moscow", "创新", "Сколково"],
        );
        let original = photos::with_segments(&base, &[photos::app1_exif(&camera_exif)]);
        let path = inputs.join(edited.name);
        fs::write(&path, &original).unwrap();
        let id = import(&sandbox, &path);
        edit(&sandbox, &id, "title", edited.title);
        edit(&sandbox, &id, "caption", edited.caption);
        edit(&sandbox, &id, "credit", edited.credit);
        edit(&sandbox, &id, "byline", edited.byline);
        edit(&sandbox, &id, "date", "2018-10-16");
        ids.push(id);
        originals.push(original);
    }
    let article = inputs.join("talks.txt");
    fs::write(
        &article,
        "Talks in Moscow\n\nThe talks were held on Friday.\n",
    )
    .unwrap();
    let article_id = import(&sandbox, &article);
    let before = objects(&sandbox.archive());

    let out = sandbox.path().join("out");
    let mut args = vec!["copy", "--json", "--to", out.to_str().unwrap()];
    args.extend(ids.iter().map(String::as_str));
    args.push(&article_id);
    let report = sandbox.folio(&args).success().json();
    assert_eq!(report["failed"], 0, "{report}");

    for ((edited, copy), original) in EDITED
        .iter()
        .zip(report["copies"].as_array().unwrap())
        .zip(&originals)
    {
        let path = PathBuf::from(copy["path"].as_str().unwrap());
        assert_eq!(path, out.join(edited.name));
        assert_eq!(copy["metadata"], serde_json::json!(["XMP", "IPTC", "EXIF"]));
        let tags = exiftool(&path);
        assert_eq!(tags["XMP-dc:Description"], edited.caption, "{tags:#}");
        assert_eq!(tags["IPTC:Caption-Abstract"], edited.caption, "{tags:#}");
        assert_eq!(tags["XMP-photoshop:Credit"], edited.credit);
        assert_eq!(tags["IPTC:Credit"], edited.credit);
        assert_eq!(tags["XMP-dc:Creator"], edited.byline);
        assert_eq!(tags["IPTC:By-line"], edited.byline);
        assert_eq!(tags["XMP-dc:Title"], edited.title);
        assert_eq!(tags["IPTC:ObjectName"], edited.title);
        assert_eq!(tags["XMP-photoshop:DateCreated"], "2018:10:16");
        assert_eq!(tags["IPTC:DateCreated"], "2018:10:16");
        assert_eq!(tags["IPTC:CodedCharacterSet"], "UTF8");
        let keywords = serde_json::json!(["Moscow", "创新", "Сколково"]);
        assert_eq!(tags["IPTC:Keywords"], keywords);
        assert_eq!(tags["XMP-dc:Subject"], keywords);
        assert_eq!(tags["IFD0:Make"], "Canon", "the camera's EXIF is kept");
        assert_eq!(tags["IFD0:Orientation"], "Rotate 90 CW");
        if edited.caption.is_ascii() {
            assert_eq!(tags["IFD0:ImageDescription"], edited.caption);
            assert_eq!(tags["IFD0:Artist"], edited.byline);
        } else {
            assert!(tags.get("IFD0:ImageDescription").is_none(), "{tags:#}");
        }
        let written = fs::read(&path).unwrap();
        assert_eq!(scans(&written), scans(original), "pixels byte for byte");
        assert!(
            !String::from_utf8_lossy(&written).contains("the agency's caption"),
            "the old caption is not left beside the new one"
        );
    }
    let article_copy = &report["copies"][3];
    assert!(article_copy["metadata"].as_array().unwrap().is_empty());
    assert_eq!(
        fs::read(article_copy["path"].as_str().unwrap()).unwrap(),
        fs::read(&article).unwrap(),
        "an article's copy is its original"
    );
    assert_eq!(objects(&sandbox.archive()), before, "objects/ untouched");

    // Taken out again: a new name, the first copy kept.
    let first = fs::read(out.join(EDITED[0].name)).unwrap();
    let text = sandbox
        .folio(&["copy", "--to", out.to_str().unwrap(), &ids[0]])
        .success()
        .stdout;
    assert!(
        text.starts_with(out.join("skolkovo-en (2).jpg").to_str().unwrap()),
        "{text}"
    );
    assert_eq!(fs::read(out.join(EDITED[0].name)).unwrap(), first);
}

#[test]
fn a_heic_photo_is_taken_out_as_a_jpeg_with_its_edited_caption() {
    use folio_samples::heic::{heic_from_jpeg, phone_jpeg};
    let sandbox = Sandbox::new();
    let path = sandbox.path().join("IMG_0042.HEIC");
    fs::write(
        &path,
        heic_from_jpeg(&phone_jpeg(320, 240, "the phone's caption", "Phone")),
    )
    .unwrap();
    let id = import(&sandbox, &path);
    edit(
        &sandbox,
        &id,
        "caption",
        "Делегаты в Сколково — 中俄创新对话",
    );
    let before = objects(&sandbox.archive());

    let out = sandbox.path().join("out");
    let report = sandbox
        .folio(&["copy", "--json", "--to", out.to_str().unwrap(), &id])
        .success()
        .json();
    let copy = &report["copies"][0];
    let written = PathBuf::from(copy["path"].as_str().unwrap());
    assert_eq!(written.file_name().unwrap(), "IMG_0042.jpg");
    assert!(
        copy["note"]
            .as_str()
            .unwrap()
            .contains("JPEG made from the HEIC"),
        "{copy}"
    );
    let bytes = fs::read(&written).unwrap();
    assert_eq!(&bytes[..3], [0xFF, 0xD8, 0xFF], "a JPEG");
    let read = exiftool(&written);
    assert_eq!(read["File:FileType"], "JPEG", "{read}");
    assert_eq!(
        read["XMP-dc:Description"], "Делегаты в Сколково — 中俄创新对话",
        "{read}"
    );
    assert_eq!(
        read["IPTC:Caption-Abstract"], "Делегаты в Сколково — 中俄创新对话",
        "{read}"
    );
    assert_eq!(read["File:ImageWidth"], 320, "{read}");
    assert_eq!(
        objects(&sandbox.archive()),
        before,
        "the HEIC original is untouched"
    );
}

#[test]
fn a_damaged_original_is_reported_and_leaves_nothing_at_the_destination() {
    let sandbox = Sandbox::new();
    let path = sandbox.path().join("photo.jpg");
    fs::write(
        &path,
        samples::jpeg_with_iptc(64, 48, "Сколково", "ТАСС", &[]),
    )
    .unwrap();
    let id = import(&sandbox, &path);
    // The stored original is cut short behind Folio's back.
    let (object, _) = objects(&sandbox.archive()).into_iter().next().unwrap();
    let bytes = fs::read(&object).unwrap();
    fs::write(&object, &bytes[..bytes.len() / 2]).unwrap();

    let out = sandbox.path().join("out");
    let run = sandbox.folio(&["copy", "--json", "--to", out.to_str().unwrap(), &id]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report = run.json();
    assert_eq!(report["failed"], 1);
    let error = report["copies"][0]["error"].as_str().unwrap();
    assert!(error.contains("truncated"), "{error}");
    assert!(report["copies"][0]["path"].is_null());
    let left: Vec<_> = fs::read_dir(&out).unwrap().collect();
    assert!(left.is_empty(), "nothing left behind: {left:?}");

    let run = sandbox.folio(&["copy", "--to", out.to_str().unwrap(), "4242"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("there is no item 4242"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn copies_get_the_permissions_of_any_new_file() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    let path = sandbox.path().join("photo.jpg");
    fs::write(
        &path,
        samples::jpeg_with_iptc(64, 48, "Moscow", "TASS", &[]),
    )
    .unwrap();
    let id = import(&sandbox, &path);
    for (umask, expected) in [("022", 0o644), ("002", 0o664)] {
        let out = sandbox.path().join(format!("out-{umask}"));
        let run = crate::util::Run::of({
            let mut command = std::process::Command::new("sh");
            command
                .arg("-c")
                .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
                .arg(env!("CARGO_BIN_EXE_folio"))
                .arg("--archive")
                .arg(sandbox.archive())
                .args(["copy", "--to", out.to_str().unwrap(), &id])
                .env_remove("FOLIO_ARCHIVE");
            command
        })
        .success();
        let copy = out.join("photo.jpg");
        let mode = fs::metadata(&copy).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, expected, "umask {umask}: {:o} ({})", mode, run.stdout);
    }
}

#[cfg(unix)]
#[test]
fn a_destination_whose_name_is_not_utf8_is_written_to() {
    use std::os::unix::ffi::OsStrExt;
    let sandbox = Sandbox::new();
    let path = sandbox.path().join("photo.jpg");
    fs::write(
        &path,
        samples::jpeg_with_iptc(64, 48, "Moscow", "TASS", &[]),
    )
    .unwrap();
    let id = import(&sandbox, &path);
    let out = sandbox
        .path()
        .join(std::ffi::OsStr::from_bytes(b"Fotos-\xe4\xf6"));
    let mut command = crate::util::folio();
    command
        .arg("--archive")
        .arg(sandbox.archive())
        .args(["copy", "--to"])
        .arg(&out)
        .arg(&id);
    crate::util::Run::of(command).success();
    assert!(out.join("photo.jpg").is_file());
}

//! The library the export tests export: English, Russian and Chinese articles, a saved web page
//! with its photo, and captioned JPEG photos, imported into a fresh archive; `folio export` over
//! all of it; and external tools run by the tests.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::samples;
use crate::util::Sandbox;

pub const EN_TITLE: &str = "2nd China-Russia Innovation Dialogue held in Moscow";
pub const RU_TITLE: &str = "Второй российско-китайский инновационный диалог прошёл в Москве";
pub const ZH_TITLE: &str = "第二届中俄创新对话在莫斯科举行";
pub const RU_BODY: &str = "Стороны договорились расширять сотрудничество в области технологического \
                       предпринимательства и поддержки малых инновационных компаний.";
pub const ZH_BODY: &str = "双方同意在科技创业和中小型创新企业支持等领域深化务实合作。";
pub const RU_CAPTION: &str = "Участники диалога в инновационном центре «Сколково» 16 октября.";
pub const ZH_CAPTION: &str = "与会代表在斯科尔科沃创新中心合影。";
pub const PAGE_TITLE: &str = "Forum on youth exchanges opens in Kazan";
pub const PAGE_CAPTION: &str = "Delegates at the opening of the youth forum in Kazan.";

/// The typical article shape (docs/DESIGN.md: tests/fixtures/seed): title, `Updated:` line, the title again,
/// a caption with its credit in brackets, then paragraphs.
pub fn typical_article(title: &str, caption: &str, paragraphs: &[&str]) -> String {
    let mut text =
        format!("{title}\n\nUpdated: 2018-11-02\n\n{title}\n\n{caption} [photo/safea.gov.cn]\n\n");
    for paragraph in paragraphs {
        text.push_str(paragraph);
        text.push_str("\n\n");
    }
    text
}

/// A small library: English (the seed), Russian and Chinese articles, a saved web page whose
/// figure links to its photo, and three captioned JPEG photos. Returns the ids by name.
pub struct Library {
    pub sandbox: Sandbox,
    pub ids: BTreeMap<String, i64>,
    pub inputs: PathBuf,
}

impl Library {
    pub fn ids(&self, names: &[&str]) -> Vec<String> {
        names.iter().map(|n| self.ids[*n].to_string()).collect()
    }

    pub fn all_ids(&self) -> Vec<String> {
        self.ids(&[
            "en",
            "ru",
            "zh",
            "page",
            "page-photo",
            "photo-en",
            "photo-ru",
            "photo-zh",
        ])
    }
}

pub fn library() -> Library {
    let sandbox = Sandbox::new();
    let inputs = sandbox.path().join("in");
    fs::create_dir_all(inputs.join("page_files")).unwrap();
    let seed = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/seed/000_89887cde74f68f66.txt");
    fs::copy(&seed, inputs.join("en.txt")).unwrap();
    let ru_paragraphs = [
        "Второй российско-китайский инновационный диалог состоялся 16 октября в Москве при \
         поддержке министерств двух стран.",
        RU_BODY,
        "Следующая встреча пройдёт в Китае в будущем году, сообщили организаторы.",
    ];
    fs::write(
        inputs.join("ru.txt"),
        typical_article(RU_TITLE, RU_CAPTION, &ru_paragraphs),
    )
    .unwrap();
    let zh_paragraphs = [
        "10月16日，第二届中俄创新对话在莫斯科斯科尔科沃创新中心举行，由两国政府部门共同主办。",
        ZH_BODY,
        "主办方表示，下一届对话将于明年在中国举行。",
    ];
    fs::write(
        inputs.join("zh.txt"),
        typical_article(ZH_TITLE, ZH_CAPTION, &zh_paragraphs),
    )
    .unwrap();
    fs::write(
        inputs.join("page.html"),
        samples::saved_page(PAGE_TITLE, PAGE_CAPTION),
    )
    .unwrap();
    fs::write(
        inputs.join("page_files/photo.jpg"),
        samples::jpeg(320, 200, 9),
    )
    .unwrap();
    for (name, caption, credit) in [
        (
            "photo-en",
            "Ministers sign the cooperation roadmap.",
            "Xinhua",
        ),
        ("photo-ru", RU_CAPTION, "ТАСС"),
        ("photo-zh", ZH_CAPTION, "新华社"),
    ] {
        fs::write(
            inputs.join(format!("{name}.jpg")),
            samples::jpeg_with_iptc(400, 300, caption, credit, &["Moscow", "创新"]),
        )
        .unwrap();
    }
    let run = sandbox.folio(&[
        "import",
        "--json",
        "--tag",
        "Events/Innovation Dialogue",
        "--collection",
        "Dialogue",
        inputs.to_str().unwrap(),
    ]);
    let report = run.success().json();
    let mut ids = BTreeMap::new();
    for imported in report["imported"].as_array().unwrap() {
        let path = imported["path"].as_str().unwrap();
        let name = Path::new(path)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let name = if path.contains("page_files") {
            "page-photo".to_string()
        } else {
            name
        };
        ids.insert(name, imported["id"].as_i64().unwrap());
    }
    assert_eq!(ids.len(), 8, "{report}");
    Library {
        sandbox,
        ids,
        inputs,
    }
}

pub fn export(library: &Library, format: &str, output: &Path, extra: &[&str]) -> Value {
    let mut args = vec![
        "export",
        "--json",
        "--format",
        format,
        "--output",
        output.to_str().unwrap(),
        "--title",
        "Innovation Dialogue — Диалог — 创新对话",
    ];
    args.extend_from_slice(extra);
    let ids = library.all_ids();
    args.extend(ids.iter().map(String::as_str));
    library.sandbox.folio(&args).success().json()
}

/// Unzips `zip` into `into` with Info-ZIP's `unzip`, as a recipient would.
pub fn unzip(zip: &Path, into: &Path) {
    tool(
        "unzip",
        &["-q", zip.to_str().unwrap(), "-d", into.to_str().unwrap()],
    );
}

/// Runs an external tool and returns its stdout; fails the test with its stderr otherwise.
pub fn tool(program: &str, args: &[&str]) -> String {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("{program} is needed for this test (scripts/setup.sh --test installs it): {e}")
        });
    assert!(
        output.status.success(),
        "{program} {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

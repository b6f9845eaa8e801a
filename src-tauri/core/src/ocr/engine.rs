//! One Tesseract engine: loaded once with every language Folio reads, then reused for page after
//! page on the thread that owns it (loading the models costs more than reading a page).

use std::ffi::CString;
use std::path::PathBuf;

use folio_native::tesseract::{self, Api};

use super::image::Gray;

/// The languages every engine reads, in Tesseract's names: English, Russian, simplified Chinese.
pub const LANGUAGES: &str = "eng+rus+chi_sim";

/// How a page is laid out for Tesseract: one block of text (its library's default, the
/// `tesseract` command's `--psm 6`). On scans turned a few degrees, the command's own default
/// (automatic layout, `--psm 3`) lost whole lines here — a Chinese page read with 38–55% of its
/// characters wrong against 0–11% — while words in columns are still read one by one.
pub const PAGE_LAYOUT: &str = "6";

/// Where the language data is, when not where the library looks by default: `FOLIO_TESSDATA`,
/// else the `tessdata` folder the Windows installer puts beside the executable or the macOS app
/// keeps in its `Resources`.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("FOLIO_TESSDATA") {
        return Some(PathBuf::from(dir));
    }
    let exe_dir = std::env::current_exe().ok()?.parent()?.to_path_buf();
    [
        exe_dir.join("tessdata"),
        exe_dir.join("../Resources/tessdata"),
    ]
    .into_iter()
    .find(|dir| dir.is_dir())
}

/// An initialised engine. `Send`, not `Sync`: one per thread.
pub struct Engine {
    api: Api,
}

impl Engine {
    /// Loads the models of [`LANGUAGES`]; fails in words when the library has no data for them.
    pub fn new() -> Result<Engine, String> {
        let mut api =
            Api::new().map_err(|missing| format!("{missing}: install it to read scans"))?;
        let dir = data_dir()
            .map(|dir| CString::new(dir.to_string_lossy().into_owned()))
            .transpose()
            .map_err(|_| "the OCR data folder's name holds a NUL character".to_string())?;
        let languages = CString::new(LANGUAGES).map_err(|e| e.to_string())?;
        if !api.init(dir.as_deref(), &languages) {
            return Err(format!(
                "Tesseract could not load its language data ({LANGUAGES}); install Tesseract 5 \
                 with the eng, rus and chi_sim data, or point FOLIO_TESSDATA at its tessdata folder"
            ));
        }
        api.set_page_seg_mode(tesseract::SINGLE_BLOCK);
        // Tesseract's own diagnostics ("Estimating resolution as …") are not ours to print.
        if let (Ok(name), Ok(value)) = (CString::new("debug_file"), CString::new(null_device())) {
            let _ = api.set_variable(&name, &value);
        }
        Ok(Engine { api })
    }

    /// Reads the text of an image file (JPEG, PNG, TIFF…) decoded by Leptonica, as the
    /// `tesseract` command decodes it — the same pixels give the same reading — or, for a
    /// format Leptonica was built without, by Folio's own decoder.
    pub fn read_file(&mut self, bytes: &[u8]) -> Result<String, String> {
        super::image::check_size(bytes)?;
        if self.api.set_image_file(bytes) {
            self.recognize()
        } else {
            self.read(&super::image::decode(bytes)?)
        }
    }

    /// Reads the text of one page image.
    pub fn read(&mut self, page: &Gray) -> Result<String, String> {
        let width = i32::try_from(page.width).map_err(|_| "the page is too wide".to_string())?;
        let height = i32::try_from(page.height).map_err(|_| "the page is too tall".to_string())?;
        self.api
            .set_image(&page.pixels, width, height, 1, width)
            .map_err(|e| format!("the page image was refused: {e}"))?;
        self.recognize()
    }

    fn recognize(&mut self) -> Result<String, String> {
        // Folio reads pages side by side on its own threads: Tesseract's OpenMP threads on top
        // of them would oversubscribe the cores (see `folio_native::openmp`).
        folio_native::openmp::hold_to_one_thread();
        if !self.api.recognize() {
            return Err("Tesseract could not read the page".to_string());
        }
        let text = self
            .api
            .utf8_text()
            .ok_or_else(|| "Tesseract returned no text for the page".to_string())?;
        Ok(super::tidy(&text))
    }
}

fn null_device() -> &'static str {
    if cfg!(windows) { "NUL" } else { "/dev/null" }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;
    use folio_samples::scans::{self, Language};

    /// The threads of this process that carry `name` (a new thread inherits its creator's name,
    /// so OpenMP's threads carry the name of the thread that started them).
    fn threads_named(name: &str) -> usize {
        std::fs::read_dir("/proc/self/task")
            .map(|tasks| {
                tasks
                    .filter_map(|task| std::fs::read_to_string(task.ok()?.path().join("comm")).ok())
                    .filter(|comm| comm.trim_end() == name)
                    .count()
            })
            .unwrap_or(0)
    }

    #[test]
    fn reading_a_page_starts_no_openmp_threads() {
        let page = scans::jpeg(&scans::scan(
            &scans::font_bytes(),
            &scans::page_text(Language::English, 0),
            1.5,
            7,
        ));
        let reader = std::thread::Builder::new()
            .name("ocr-omp-probe".into())
            .spawn(move || {
                let mut engine = Engine::new()?;
                let text = engine.read_file(&page)?;
                Ok::<_, String>((text, threads_named("ocr-omp-probe")))
            })
            .unwrap();
        let (text, threads) = reader.join().unwrap().unwrap();
        assert!(
            text.split_whitespace().count() > 20,
            "the page was read: {text}"
        );
        // Debian's Tesseract is built with OpenMP: the hold must have found its runtime.
        assert!(
            folio_native::openmp::loaded(),
            "no OpenMP runtime found in the process"
        );
        assert_eq!(threads, 1, "the page was read by its own thread alone");
    }
}

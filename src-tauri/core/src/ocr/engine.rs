//! One Tesseract engine: loaded once with every language Folio reads, then reused for page after
//! page on the thread that owns it (loading the models costs more than reading a page).

use std::ffi::CString;
use std::path::PathBuf;

use tesseract_plumbing::{TessBaseApi, leptonica_plumbing};

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
    api: TessBaseApi,
}

impl Engine {
    /// Loads the models of [`LANGUAGES`]; fails in words when the library has no data for them.
    pub fn new() -> Result<Engine, String> {
        let mut api = TessBaseApi::create();
        let dir = data_dir()
            .map(|dir| CString::new(dir.to_string_lossy().into_owned()))
            .transpose()
            .map_err(|_| "the OCR data folder's name holds a NUL character".to_string())?;
        let languages = CString::new(LANGUAGES).map_err(|e| e.to_string())?;
        api.init_2(dir.as_deref(), Some(&languages)).map_err(|_| {
            format!(
                "Tesseract could not load its language data ({LANGUAGES}); install Tesseract 5 \
                 with the eng, rus and chi_sim data, or point FOLIO_TESSDATA at its tessdata folder"
            )
        })?;
        api.set_page_seg_mode(tesseract_plumbing::tesseract_sys::TessPageSegMode_PSM_SINGLE_BLOCK);
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
        match leptonica_plumbing::Pix::read_mem(bytes) {
            Ok(pix) => {
                self.api.set_image_2(&pix);
                self.recognize()
            }
            Err(_) => self.read(&super::image::decode(bytes)?),
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
        self.api
            .recognize()
            .map_err(|_| "Tesseract could not read the page".to_string())?;
        let text = self
            .api
            .get_utf8_text()
            .map_err(|_| "Tesseract returned no text for the page".to_string())?;
        Ok(super::tidy(&String::from_utf8_lossy(
            text.as_ref().to_bytes(),
        )))
    }
}

fn null_device() -> &'static str {
    if cfg!(windows) { "NUL" } else { "/dev/null" }
}

/// Debian's Tesseract (like others built with OpenMP) spreads each page over OpenMP threads,
/// while Folio reads several pages at once itself: together they oversubscribe the cores and
/// read slower. OpenMP takes its thread limit from the environment when the library is loaded,
/// which is before `main`; so a process about to read pages starts itself again, once, with
/// `OMP_THREAD_LIMIT=1`. Returns (doing nothing) when the limit is already set, where the
/// platform cannot replace a process, or when starting again failed.
pub fn restart_with_one_openmp_thread() {
    if std::env::var_os("OMP_THREAD_LIMIT").is_some() {
        return;
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let Ok(exe) = std::env::current_exe() else {
            return;
        };
        let error = std::process::Command::new(exe)
            .args(std::env::args_os().skip(1))
            .env("OMP_THREAD_LIMIT", "1")
            .exec();
        tracing::warn!("OCR goes on with OpenMP's own threads: {error}");
    }
}

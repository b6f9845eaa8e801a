//! Tesseract's C API, with the two Leptonica functions Folio reads image files with, behind
//! [`Api`]: one engine, used by one thread at a time.

use std::ffi::{CStr, c_char, c_int, c_void};
use std::ptr::NonNull;
use std::sync::OnceLock;

use crate::Missing;
use crate::functions::c_functions;

/// Tesseract's `TessBaseAPI` and Leptonica's `PIX`, only ever behind pointers.
type TessBaseApi = c_void;
type Pix = c_void;

c_functions! {
    /// The functions of Tesseract 5's C API (`tesseract/capi.h`) and Leptonica
    /// (`leptonica/allheaders.h`) that Folio calls.
    pub(crate) struct Functions;
    fn TessBaseAPICreate() -> *mut TessBaseApi;
    fn TessBaseAPIDelete(api: *mut TessBaseApi);
    fn TessBaseAPIInit3(api: *mut TessBaseApi, datapath: *const c_char, language: *const c_char) -> c_int;
    fn TessBaseAPISetPageSegMode(api: *mut TessBaseApi, mode: c_int);
    fn TessBaseAPISetVariable(api: *mut TessBaseApi, name: *const c_char, value: *const c_char) -> c_int;
    fn TessBaseAPISetImage(
        api: *mut TessBaseApi,
        data: *const u8,
        width: c_int,
        height: c_int,
        bytes_per_pixel: c_int,
        bytes_per_line: c_int,
    );
    fn TessBaseAPISetImage2(api: *mut TessBaseApi, pix: *mut Pix);
    fn TessBaseAPIRecognize(api: *mut TessBaseApi, monitor: *mut c_void) -> c_int;
    fn TessBaseAPIGetUTF8Text(api: *mut TessBaseApi) -> *mut c_char;
    fn TessDeleteText(text: *const c_char);
    fn pixReadMem(data: *const u8, size: usize) -> *mut Pix;
    fn pixDestroy(pix: *mut *mut Pix);
    fn setMsgSeverity(severity: c_int) -> c_int;
}

/// Tesseract's page segmentation mode `PSM_SINGLE_BLOCK`: the page is one block of text.
pub const SINGLE_BLOCK: c_int = 6;

/// Leptonica's `L_SEVERITY_NONE`: it prints nothing. Folio says itself what could not be read
/// ("Error in pixReadMem: Unknown format" on standard error would only be noise).
const LEPTONICA_SILENT: c_int = 6;

/// What to install for OCR, and the names the system's loader knows Tesseract 5 by.
pub(crate) const LIBRARY: &str =
    "Tesseract 5 (libtesseract.so.5, in the libtesseract5 or tesseract package)";
pub(crate) const SONAMES: &[&CStr] = &[c"libtesseract.so.5", c"libtesseract.so"];

/// The library's functions, found once per process. On Linux the library is opened the first
/// time an engine is made; Leptonica is found among the libraries Tesseract itself depends on.
pub(crate) fn functions() -> Result<&'static Functions, Missing> {
    static FUNCTIONS: OnceLock<Result<Functions, Missing>> = OnceLock::new();
    FUNCTIONS
        .get_or_init(|| {
            let functions = Functions::open(LIBRARY, SONAMES)?;
            // SAFETY: sets Leptonica's global message level, an integer it only compares.
            unsafe { (functions.setMsgSeverity)(LEPTONICA_SILENT) };
            Ok(functions)
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// One Tesseract engine (`TessBaseAPI`). `Send`, not `Sync`: an engine is used by one thread at
/// a time, as Tesseract requires.
pub struct Api {
    api: NonNull<TessBaseApi>,
    functions: &'static Functions,
}

// SAFETY: a `TessBaseAPI` may move between threads; it must not be used by two at once, which
// `&mut self` on every call that touches it ensures (`Api` is not `Sync`).
unsafe impl Send for Api {}

impl Api {
    /// A new engine, not yet initialised; fails when Tesseract cannot be loaded.
    pub fn new() -> Result<Api, Missing> {
        let functions = functions()?;
        // SAFETY: `TessBaseAPICreate` takes nothing and returns a new engine (or NULL).
        let api = unsafe { (functions.TessBaseAPICreate)() };
        let api = NonNull::new(api).ok_or_else(|| Missing {
            library: "Tesseract",
            detail: "it could not create an engine".into(),
        })?;
        Ok(Api { api, functions })
    }

    /// Loads the models of `languages` ("eng+rus") from `data_dir`, or from where the library
    /// looks by default. False when they could not be loaded.
    pub fn init(&mut self, data_dir: Option<&CStr>, languages: &CStr) -> bool {
        let dir = data_dir.map_or(std::ptr::null(), CStr::as_ptr);
        // SAFETY: a live engine and NUL-terminated strings (or NULL for the default folder),
        // which Tesseract copies.
        unsafe {
            (self.functions.TessBaseAPIInit3)(self.api.as_ptr(), dir, languages.as_ptr()) == 0
        }
    }

    /// Sets how the page is laid out ([`SINGLE_BLOCK`]…).
    pub fn set_page_seg_mode(&mut self, mode: c_int) {
        // SAFETY: a live engine; any mode value is checked by Tesseract.
        unsafe { (self.functions.TessBaseAPISetPageSegMode)(self.api.as_ptr(), mode) }
    }

    /// Sets one of Tesseract's variables; false when it has no such variable.
    pub fn set_variable(&mut self, name: &CStr, value: &CStr) -> bool {
        // SAFETY: a live engine and NUL-terminated strings, which Tesseract copies.
        unsafe {
            (self.functions.TessBaseAPISetVariable)(
                self.api.as_ptr(),
                name.as_ptr(),
                value.as_ptr(),
            ) == 1
        }
    }

    /// Gives the engine an image file (JPEG, PNG, TIFF…) decoded by Leptonica, as the
    /// `tesseract` command decodes it. False when Leptonica cannot read it.
    pub fn set_image_file(&mut self, bytes: &[u8]) -> bool {
        // SAFETY: Leptonica reads `bytes.len()` bytes from the pointer and returns a new image
        // or NULL.
        let mut pix = unsafe { (self.functions.pixReadMem)(bytes.as_ptr(), bytes.len()) };
        if pix.is_null() {
            return false;
        }
        // SAFETY: a live engine and a live image. Tesseract keeps its own copy of the image
        // (its thresholder copies what it is given), so the image is destroyed right after.
        unsafe {
            (self.functions.TessBaseAPISetImage2)(self.api.as_ptr(), pix);
            (self.functions.pixDestroy)(&mut pix);
        }
        true
    }

    /// Gives the engine an image in memory: `height` rows of `bytes_per_line` bytes, each pixel
    /// `bytes_per_pixel` bytes (0: one bit). Refused when the sizes do not fit the bytes.
    pub fn set_image(
        &mut self,
        pixels: &[u8],
        width: c_int,
        height: c_int,
        bytes_per_pixel: c_int,
        bytes_per_line: c_int,
    ) -> Result<(), &'static str> {
        if width <= 0 || height <= 0 || bytes_per_pixel < 0 || bytes_per_line <= 0 {
            return Err("the image has no pixels");
        }
        let needed = usize::try_from(i64::from(height) * i64::from(bytes_per_line))
            .map_err(|_| "the image is too large")?;
        if needed > pixels.len() {
            return Err("the image has fewer bytes than its size says");
        }
        let row_bytes = if bytes_per_pixel == 0 {
            (i64::from(width) + 7) / 8
        } else {
            i64::from(width) * i64::from(bytes_per_pixel)
        };
        if row_bytes > i64::from(bytes_per_line) {
            return Err("the image's rows are wider than its line length");
        }
        // SAFETY: a live engine; the checks above keep every row Tesseract reads
        // (`height` × `bytes_per_line`) inside `pixels`, which Tesseract copies.
        unsafe {
            (self.functions.TessBaseAPISetImage)(
                self.api.as_ptr(),
                pixels.as_ptr(),
                width,
                height,
                bytes_per_pixel,
                bytes_per_line,
            );
        }
        Ok(())
    }

    /// Reads the image given last. False when Tesseract fails (no image, say).
    pub fn recognize(&mut self) -> bool {
        // SAFETY: a live engine; no progress monitor (NULL).
        unsafe {
            (self.functions.TessBaseAPIRecognize)(self.api.as_ptr(), std::ptr::null_mut()) == 0
        }
    }

    /// The text read, as UTF-8 (malformed bytes replaced); `None` when there is none.
    pub fn utf8_text(&mut self) -> Option<String> {
        // SAFETY: a live engine; the result is NULL or a NUL-terminated string the caller owns.
        let text = unsafe { (self.functions.TessBaseAPIGetUTF8Text)(self.api.as_ptr()) };
        if text.is_null() {
            return None;
        }
        // SAFETY: `text` is the NUL-terminated string Tesseract just returned; it is copied
        // and then handed back to Tesseract's own deallocator, once.
        unsafe {
            let copy = CStr::from_ptr(text).to_string_lossy().into_owned();
            (self.functions.TessDeleteText)(text);
            Some(copy)
        }
    }
}

impl Drop for Api {
    fn drop(&mut self) {
        // SAFETY: the engine was made by `TessBaseAPICreate` and is deleted once, here.
        unsafe { (self.functions.TessBaseAPIDelete)(self.api.as_ptr()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use folio_samples::scans::{self, Language};

    fn english_engine() -> Api {
        let mut api = Api::new().unwrap_or_else(|missing| panic!("{missing}"));
        assert!(api.init(None, c"eng"), "the English model did not load");
        api.set_page_seg_mode(SINGLE_BLOCK);
        api
    }

    #[test]
    fn an_engine_reads_an_image_file_and_an_image_in_memory() {
        let text = scans::page_text(Language::English, 0);
        let page = scans::scan(&scans::font_bytes(), &text, 0.0, 3);
        let mut api = english_engine();

        assert!(api.set_image_file(&scans::jpeg(&page)));
        assert!(api.recognize());
        let read = api.utf8_text().unwrap_or_default();
        let first_word = text.split_whitespace().next().unwrap_or_default();
        assert!(read.contains(first_word), "{first_word:?} not in {read:?}");

        let width = c_int::try_from(page.width).unwrap_or(0);
        let height = c_int::try_from(page.height).unwrap_or(0);
        api.set_image(&page.pixels, width, height, 1, width)
            .unwrap();
        assert!(api.recognize());
        assert!(api.utf8_text().unwrap_or_default().contains(first_word));
    }

    #[test]
    fn images_that_do_not_fit_their_size_are_refused() {
        let mut api = english_engine();
        assert!(!api.set_image_file(b"not an image at all"));
        assert!(
            api.set_image(&[0; 99], 10, 10, 1, 10).is_err(),
            "one byte short"
        );
        assert!(
            api.set_image(&[0; 100], 11, 10, 1, 10).is_err(),
            "rows wider than lines"
        );
        assert!(api.set_image(&[0; 100], 0, 10, 1, 10).is_err(), "no pixels");
        assert!(
            api.set_image(&[0; 20], 16, 10, 0, 2).is_ok(),
            "one bit a pixel"
        );
    }
}

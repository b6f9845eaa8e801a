//! Holds OpenMP to one thread on the calling thread, at run time, without starting the process
//! again.
//!
//! Debian's Tesseract (like others built with OpenMP) spreads each page over OpenMP threads,
//! while Folio reads several pages at once itself: together they oversubscribe the cores and read
//! slower. The environment (`OMP_THREAD_LIMIT`) is read when the runtime loads, so it could only
//! be set by starting the process again. Instead, a thread about to read a page sets OpenMP's
//! max-active-levels to 0: every parallel region it starts is then inactive, run by that thread
//! alone (OpenMP 5.2, §2.6.1: a region beyond max-active-levels gets a team of one).
//!
//! The runtime is found by name among the libraries Tesseract was opened with (or, where it is
//! linked, among what the process has loaded), so nothing is linked for it: with a Tesseract
//! built without OpenMP, or where there is no such runtime, this does nothing.

use std::ffi::c_int;
use std::sync::OnceLock;

type SetLevels = unsafe extern "C" fn(c_int);
type GetLevels = unsafe extern "C" fn() -> c_int;

/// `omp_set_max_active_levels` and `omp_get_max_active_levels`, if a runtime is loaded (never,
/// where there is no `dlsym` to find them).
#[cfg_attr(not(unix), allow(dead_code))]
struct Runtime {
    set: SetLevels,
    get: GetLevels,
}

static RUNTIME: OnceLock<Option<Runtime>> = OnceLock::new();

/// Builds the runtime from the two functions' addresses, when both were found.
#[cfg(unix)]
fn runtime_from(
    set: Option<*mut std::ffi::c_void>,
    get: Option<*mut std::ffi::c_void>,
) -> Option<Runtime> {
    let (set, get) = (set?, get?);
    // SAFETY: both are the OpenMP API's functions of these C signatures (OpenMP 5.2, §18.2.15
    // and §18.2.16), found under their standard names.
    unsafe {
        Some(Runtime {
            set: std::mem::transmute::<*mut std::ffi::c_void, SetLevels>(set),
            get: std::mem::transmute::<*mut std::ffi::c_void, GetLevels>(get),
        })
    }
}

fn runtime() -> Option<&'static Runtime> {
    RUNTIME.get_or_init(find).as_ref()
}

/// The runtime among the libraries Tesseract was opened with (opening it again gives back the
/// same library, and its handle searches what it depends on), or, where Tesseract is linked,
/// among what the process has loaded.
fn find() -> Option<Runtime> {
    #[cfg(dlopen)]
    {
        crate::tesseract::functions().ok()?;
        let tesseract =
            crate::loader::Library::open(crate::tesseract::LIBRARY, crate::tesseract::SONAMES)
                .ok()?;
        runtime_from(
            tesseract.find(c"omp_set_max_active_levels"),
            tesseract.find(c"omp_get_max_active_levels"),
        )
    }
    #[cfg(all(unix, not(dlopen)))]
    {
        let lookup = |name: &std::ffi::CStr| {
            // SAFETY: `dlsym` with the default handle and a NUL-terminated name only reads.
            let found = unsafe { libc::dlsym(libc::RTLD_DEFAULT, name.as_ptr()) };
            (!found.is_null()).then_some(found)
        };
        runtime_from(
            lookup(c"omp_set_max_active_levels"),
            lookup(c"omp_get_max_active_levels"),
        )
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// Makes the parallel regions the calling thread starts run on that thread alone. Answers whether
/// an OpenMP runtime is loaded and now holds it (false where there is none: nothing to hold).
pub fn hold_to_one_thread() -> bool {
    runtime().is_some_and(|runtime| {
        // SAFETY: the OpenMP functions take and return plain integers and may be called from any
        // thread; 0 is a valid number of levels.
        unsafe {
            (runtime.set)(0);
            (runtime.get)() == 0
        }
    })
}

/// Whether Tesseract brought an OpenMP runtime (Debian's brings libgomp).
pub fn loaded() -> bool {
    runtime().is_some()
}

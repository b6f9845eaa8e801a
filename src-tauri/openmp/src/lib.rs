//! Holds OpenMP to one thread on the calling thread, at run time, without starting the process
//! again.
//!
//! Debian's Tesseract (like others built with OpenMP) spreads each page over OpenMP threads,
//! while Folio reads several pages at once itself: together they oversubscribe the cores and read
//! slower. The environment (`OMP_THREAD_LIMIT`) is read when the runtime loads, before `main`, so
//! only a restart could use it — and the desktop would pay a second start of the whole program
//! for it every time it opens. Instead, a thread about to read a page sets OpenMP's
//! max-active-levels to 0: every parallel region it starts is then inactive, run by that thread
//! alone (OpenMP 5.2, §2.6.1: a region beyond max-active-levels gets a team of one).
//!
//! The runtime is found by name among what the process has loaded (`dlsym`), so nothing is
//! linked for it: with a Tesseract built without OpenMP, or where there is no such runtime, this
//! does nothing.

#[cfg(unix)]
mod runtime {
    use std::ffi::c_int;
    use std::sync::OnceLock;

    type SetLevels = extern "C" fn(c_int);
    type GetLevels = extern "C" fn() -> c_int;

    /// `omp_set_max_active_levels` and `omp_get_max_active_levels`, if a runtime is loaded.
    struct Runtime {
        set: SetLevels,
        get: GetLevels,
    }

    fn runtime() -> Option<&'static Runtime> {
        static RUNTIME: OnceLock<Option<Runtime>> = OnceLock::new();
        RUNTIME
            .get_or_init(|| {
                let set = lookup(c"omp_set_max_active_levels")?;
                let get = lookup(c"omp_get_max_active_levels")?;
                #[allow(unsafe_code)]
                // SAFETY: both are the OpenMP API's functions of these C signatures (OpenMP 5.2,
                // §18.2.15 and §18.2.16), found under their standard names.
                let runtime = unsafe {
                    Runtime {
                        set: std::mem::transmute::<*mut libc::c_void, SetLevels>(set),
                        get: std::mem::transmute::<*mut libc::c_void, GetLevels>(get),
                    }
                };
                Some(runtime)
            })
            .as_ref()
    }

    fn lookup(name: &std::ffi::CStr) -> Option<*mut libc::c_void> {
        #[allow(unsafe_code)]
        // SAFETY: `dlsym` with the default handle and a NUL-terminated name only reads the name.
        let found = unsafe { libc::dlsym(libc::RTLD_DEFAULT, name.as_ptr()) };
        (!found.is_null()).then_some(found)
    }

    pub fn hold_to_one_thread() -> bool {
        runtime().is_some_and(|runtime| {
            (runtime.set)(0);
            (runtime.get)() == 0
        })
    }

    pub fn loaded() -> bool {
        runtime().is_some()
    }
}

#[cfg(not(unix))]
mod runtime {
    pub fn hold_to_one_thread() -> bool {
        false
    }

    pub fn loaded() -> bool {
        false
    }
}

/// Makes the parallel regions the calling thread starts run on that thread alone. Answers whether
/// an OpenMP runtime is loaded and now holds it (false where there is none: nothing to hold).
pub fn hold_to_one_thread() -> bool {
    runtime::hold_to_one_thread()
}

/// Whether the process has an OpenMP runtime loaded (Debian's Tesseract brings libgomp).
pub fn loaded() -> bool {
    runtime::loaded()
}

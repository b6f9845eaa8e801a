//! Opens a shared library by name the first time it is needed and finds its functions (Linux).

use std::ffi::{CStr, CString, c_void};

use crate::Missing;

/// An opened library. It is never closed: its functions stay in tables for the life of the
/// process.
pub(crate) struct Library {
    handle: *mut c_void,
    what: &'static str,
}

impl Library {
    /// Opens the first of `names` (sonames, most specific first) the system's loader finds.
    pub(crate) fn open(what: &'static str, names: &[&CStr]) -> Result<Library, Missing> {
        let mut said = Vec::new();
        for name in names {
            // SAFETY: `dlopen` reads the NUL-terminated name; the library's initialisers run as
            // they would at start had it been linked.
            let handle = unsafe { libc::dlopen(name.as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL) };
            if !handle.is_null() {
                return Ok(Library { handle, what });
            }
            said.push(last_error());
        }
        Err(Missing {
            library: what,
            detail: said.join("; "),
        })
    }

    /// The address of `name` (NUL-terminated) in this library or one it depends on.
    pub(crate) fn symbol(&self, name: &'static str) -> Result<*mut c_void, Missing> {
        let missing = || Missing {
            library: self.what,
            detail: format!("it has no function {}", name.trim_end_matches('\0')),
        };
        let name = CStr::from_bytes_with_nul(name.as_bytes()).map_err(|_| missing())?;
        self.find(name).ok_or_else(missing)
    }

    /// Like [`Library::symbol`], for a function the library may not have.
    pub(crate) fn find(&self, name: &CStr) -> Option<*mut c_void> {
        // SAFETY: `dlsym` on a handle `dlopen` returned, with a NUL-terminated name, only reads.
        let found = unsafe { libc::dlsym(self.handle, name.as_ptr()) };
        (!found.is_null()).then_some(found)
    }
}

/// What `dlerror` says about the last failure on this thread.
fn last_error() -> String {
    // SAFETY: `dlerror` returns NULL or a NUL-terminated message owned by the loader, which is
    // copied before any other loader call on this thread could replace it.
    unsafe {
        let message = libc::dlerror();
        if message.is_null() {
            "not found".to_string()
        } else {
            CString::from(CStr::from_ptr(message))
                .to_string_lossy()
                .into_owned()
        }
    }
}

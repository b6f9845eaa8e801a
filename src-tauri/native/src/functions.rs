//! Declares a C library's functions once, as a table of function pointers filled either from the
//! library opened at run time (`cfg(dlopen)`) or from the symbols linked into the executable.

/// `c_functions! { pub(crate) struct Table; fn name(arg: Type) -> Ret; … }` makes `Table` with
/// one field per function and `Table::open(what, sonames)`: the functions of the first library
/// the loader opens (`cfg(dlopen)`), or those linked into the executable. The signatures are copied from the library's C header: a table is only as
/// sound as that copy.
macro_rules! c_functions {
    (
        $(#[$meta:meta])*
        $vis:vis struct $table:ident;
        $( fn $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) $(-> $ret:ty)?; )*
    ) => {
        $(#[$meta])*
        #[allow(non_snake_case)]
        $vis struct $table {
            $( $name: unsafe extern "C" fn($($ty),*) $(-> $ret)?, )*
        }

        impl $table {
            /// The functions, from the first of `sonames` the loader opens, or as linked (then
            /// `what` and `sonames` are not needed).
            #[cfg_attr(not(dlopen), allow(unused_variables))]
            fn open(
                what: &'static str,
                sonames: &[&std::ffi::CStr],
            ) -> Result<Self, $crate::Missing> {
                #[cfg(dlopen)]
                return Self::load(&$crate::loader::Library::open(what, sonames)?);
                #[cfg(not(dlopen))]
                return Ok(Self::linked());
            }

            /// Finds every function in the opened library (or the libraries it depends on).
            #[cfg(dlopen)]
            fn load(library: &$crate::loader::Library) -> Result<Self, $crate::Missing> {
                Ok(Self {
                    $( $name: {
                        let symbol = library.symbol(concat!(stringify!($name), "\0"))?;
                        // SAFETY: the symbol is the library's exported function of this name, and
                        // its C signature is the one declared for it above.
                        unsafe {
                            std::mem::transmute::<
                                *mut std::ffi::c_void,
                                unsafe extern "C" fn($($ty),*) $(-> $ret)?,
                            >(symbol)
                        }
                    }, )*
                })
            }

            /// The functions as linked into the executable.
            #[cfg(not(dlopen))]
            fn linked() -> Self {
                unsafe extern "C" {
                    $( fn $name($($arg: $ty),*) $(-> $ret)?; )*
                }
                Self { $( $name, )* }
            }
        }
    };
}

pub(crate) use c_functions;

//! libheif's C API (`libheif/heif.h`, 1.14 and later) behind safe types: a [`Context`] read from
//! bytes, its primary image's [`Handle`] (size, metadata blocks, colour profile) and a decoded
//! [`Image`].

use std::ffi::{CStr, c_char, c_int, c_void};
use std::marker::PhantomData;
use std::ptr::NonNull;
use std::sync::OnceLock;

use crate::Missing;
use crate::functions::c_functions;

type HeifContext = c_void;
type HeifHandle = c_void;
type HeifImage = c_void;

/// libheif's `struct heif_error`, returned by value.
#[repr(C)]
#[derive(Clone, Copy)]
struct HeifError {
    code: c_int,
    subcode: c_int,
    message: *const c_char,
}

c_functions! {
    /// The functions of libheif that Folio calls.
    pub(crate) struct Functions;
    fn heif_init(params: *mut c_void) -> HeifError;
    fn heif_context_alloc() -> *mut HeifContext;
    fn heif_context_free(context: *mut HeifContext);
    fn heif_context_read_from_memory_without_copy(
        context: *mut HeifContext,
        data: *const c_void,
        size: usize,
        options: *const c_void,
    ) -> HeifError;
    fn heif_context_get_primary_image_handle(context: *mut HeifContext, handle: *mut *mut HeifHandle) -> HeifError;
    fn heif_image_handle_release(handle: *const HeifHandle);
    fn heif_image_handle_get_width(handle: *const HeifHandle) -> c_int;
    fn heif_image_handle_get_height(handle: *const HeifHandle) -> c_int;
    fn heif_image_handle_has_alpha_channel(handle: *const HeifHandle) -> c_int;
    fn heif_image_handle_get_number_of_metadata_blocks(handle: *const HeifHandle, kind: *const c_char) -> c_int;
    fn heif_image_handle_get_list_of_metadata_block_IDs(
        handle: *const HeifHandle,
        kind: *const c_char,
        ids: *mut u32,
        count: c_int,
    ) -> c_int;
    fn heif_image_handle_get_metadata_content_type(handle: *const HeifHandle, id: u32) -> *const c_char;
    fn heif_image_handle_get_metadata_size(handle: *const HeifHandle, id: u32) -> usize;
    fn heif_image_handle_get_metadata(handle: *const HeifHandle, id: u32, out: *mut c_void) -> HeifError;
    fn heif_image_handle_get_raw_color_profile_size(handle: *const HeifHandle) -> usize;
    fn heif_image_handle_get_raw_color_profile(handle: *const HeifHandle, out: *mut c_void) -> HeifError;
    fn heif_decode_image(
        handle: *const HeifHandle,
        image: *mut *mut HeifImage,
        colorspace: c_int,
        chroma: c_int,
        options: *const c_void,
    ) -> HeifError;
    fn heif_image_release(image: *const HeifImage);
    fn heif_image_get_width(image: *const HeifImage, channel: c_int) -> c_int;
    fn heif_image_get_height(image: *const HeifImage, channel: c_int) -> c_int;
    fn heif_image_get_bits_per_pixel(image: *const HeifImage, channel: c_int) -> c_int;
    fn heif_image_get_bits_per_pixel_range(image: *const HeifImage, channel: c_int) -> c_int;
    fn heif_image_get_plane_readonly(image: *const HeifImage, channel: c_int, stride: *mut c_int) -> *const u8;
}

// libheif's enumerations, as `heif.h` numbers them.
const COLORSPACE_RGB: c_int = 1;
const CHROMA_INTERLEAVED_RGB: c_int = 10;
const CHROMA_INTERLEAVED_RGBA: c_int = 11;
const CHANNEL_INTERLEAVED: c_int = 10;

/// The library's functions, found (and libheif initialised, its plugins registered) once per
/// process; on Linux the library is opened the first time a HEIC file is read.
fn functions() -> Result<&'static Functions, Missing> {
    static FUNCTIONS: OnceLock<Result<Functions, Missing>> = OnceLock::new();
    FUNCTIONS
        .get_or_init(|| {
            let functions = Functions::open(
                "libheif 1.14 or later (libheif.so.1, in the libheif1 or libheif package)",
                &[c"libheif.so.1", c"libheif.so"],
            )?;
            // SAFETY: `heif_init` with NULL parameters is libheif's documented start; it is
            // called once and libheif is never shut down while the process runs. Its error is
            // not fatal: it reports plugins (optional codecs) that did not load, and what the
            // built-in decoders read still decodes; a file that needs a missing codec is
            // refused by the decode, in words.
            let _ = unsafe { (functions.heif_init)(std::ptr::null_mut()) };
            Ok(functions)
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Copies the message of a libheif error.
///
/// # Safety
/// The error must come from a libheif call whose context (if any) is still alive: its message
/// may live in the context.
unsafe fn message(error: &HeifError) -> String {
    if error.message.is_null() {
        return String::new();
    }
    // SAFETY: the caller guarantees the message is alive; libheif's are NUL-terminated.
    unsafe { CStr::from_ptr(error.message) }
        .to_string_lossy()
        .into_owned()
}

/// Why libheif could not do something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// libheif itself could not be loaded.
    Missing(Missing),
    /// libheif refused: its error code (`heif_error_code`) and message.
    Refused { code: ErrorCode, message: String },
}

/// libheif's error codes that Folio tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    InvalidInput,
    UnsupportedFileType,
    UnsupportedFeature,
    DecoderPluginError,
    Other(i32),
}

impl ErrorCode {
    fn from_c(code: c_int) -> ErrorCode {
        match code {
            2 => ErrorCode::InvalidInput,
            3 => ErrorCode::UnsupportedFileType,
            4 => ErrorCode::UnsupportedFeature,
            7 => ErrorCode::DecoderPluginError,
            other => ErrorCode::Other(other),
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Missing(missing) => missing.fmt(f),
            Error::Refused { message, .. } => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}

/// `Ok` for libheif's success, else its code and message copied.
///
/// # Safety
/// As for [`message`].
unsafe fn check(error: HeifError) -> Result<(), Error> {
    if error.code == 0 {
        return Ok(());
    }
    Err(Error::Refused {
        code: ErrorCode::from_c(error.code),
        // SAFETY: passed on from the caller.
        message: unsafe { message(&error) },
    })
}

/// A HEIF file read from bytes, which it borrows (libheif reads them in place).
pub struct Context<'bytes> {
    context: NonNull<HeifContext>,
    functions: &'static Functions,
    bytes: PhantomData<&'bytes [u8]>,
}

impl<'bytes> Context<'bytes> {
    /// Reads the file's structure (no pixels are decoded).
    pub fn read(bytes: &'bytes [u8]) -> Result<Context<'bytes>, Error> {
        let functions = functions().map_err(Error::Missing)?;
        // SAFETY: `heif_context_alloc` takes nothing and returns a new context or NULL.
        let context =
            NonNull::new(unsafe { (functions.heif_context_alloc)() }).ok_or_else(|| {
                Error::Refused {
                    code: ErrorCode::Other(6),
                    message: "libheif could not allocate a context".into(),
                }
            })?;
        let context = Context {
            context,
            functions,
            bytes: PhantomData,
        };
        // SAFETY: a live context and the bytes, which outlive it (`'bytes`); default options.
        unsafe {
            check((functions.heif_context_read_from_memory_without_copy)(
                context.context.as_ptr(),
                bytes.as_ptr().cast(),
                bytes.len(),
                std::ptr::null(),
            ))?;
        }
        Ok(context)
    }

    /// The primary image: the one a viewer shows.
    pub fn primary(&self) -> Result<Handle<'_>, Error> {
        let mut handle = std::ptr::null_mut();
        // SAFETY: a live context and a place for the handle, which libheif fills on success.
        unsafe {
            check((self.functions.heif_context_get_primary_image_handle)(
                self.context.as_ptr(),
                &mut handle,
            ))?;
        }
        let handle = NonNull::new(handle).ok_or_else(|| Error::Refused {
            code: ErrorCode::InvalidInput,
            message: "the file has no primary image".into(),
        })?;
        Ok(Handle {
            handle,
            functions: self.functions,
            context: PhantomData,
        })
    }
}

impl Drop for Context<'_> {
    fn drop(&mut self) {
        // SAFETY: the context was made by `heif_context_alloc` and is freed once, here, after
        // the handles that borrow it.
        unsafe { (self.functions.heif_context_free)(self.context.as_ptr()) }
    }
}

/// An image of a [`Context`], before decoding.
pub struct Handle<'context> {
    handle: NonNull<HeifHandle>,
    functions: &'static Functions,
    context: PhantomData<&'context Context<'context>>,
}

impl Handle<'_> {
    /// The width as the image is seen, after the container's rotation and crop.
    pub fn width(&self) -> u32 {
        // SAFETY: a live handle.
        let width = unsafe { (self.functions.heif_image_handle_get_width)(self.handle.as_ptr()) };
        u32::try_from(width).unwrap_or(0)
    }

    /// The height as the image is seen.
    pub fn height(&self) -> u32 {
        // SAFETY: a live handle.
        let height = unsafe { (self.functions.heif_image_handle_get_height)(self.handle.as_ptr()) };
        u32::try_from(height).unwrap_or(0)
    }

    pub fn has_alpha(&self) -> bool {
        // SAFETY: a live handle.
        unsafe { (self.functions.heif_image_handle_has_alpha_channel)(self.handle.as_ptr()) != 0 }
    }

    /// The ids of the metadata blocks of a type (`c"Exif"`, `c"mime"`), at most 64.
    pub fn metadata_ids(&self, kind: &CStr) -> Vec<u32> {
        // SAFETY: a live handle and a NUL-terminated type name.
        let count = unsafe {
            (self
                .functions
                .heif_image_handle_get_number_of_metadata_blocks)(
                self.handle.as_ptr(),
                kind.as_ptr(),
            )
        };
        let count = usize::try_from(count).unwrap_or(0).min(64);
        let mut ids = vec![0u32; count];
        // SAFETY: room for `count` ids, and libheif writes at most `count`.
        let found = unsafe {
            (self
                .functions
                .heif_image_handle_get_list_of_metadata_block_IDs)(
                self.handle.as_ptr(),
                kind.as_ptr(),
                ids.as_mut_ptr(),
                c_int::try_from(count).unwrap_or(0),
            )
        };
        ids.truncate(usize::try_from(found).unwrap_or(0));
        ids
    }

    /// A metadata block's content type (`application/rdf+xml` for XMP), if it has one.
    pub fn metadata_content_type(&self, id: u32) -> Option<String> {
        // SAFETY: a live handle; the result is NULL or a NUL-terminated string the handle owns,
        // copied at once.
        unsafe {
            let kind = (self.functions.heif_image_handle_get_metadata_content_type)(
                self.handle.as_ptr(),
                id,
            );
            (!kind.is_null()).then(|| CStr::from_ptr(kind).to_string_lossy().into_owned())
        }
    }

    /// A metadata block's bytes.
    pub fn metadata(&self, id: u32) -> Result<Vec<u8>, Error> {
        // SAFETY: a live handle.
        let size = unsafe {
            (self.functions.heif_image_handle_get_metadata_size)(self.handle.as_ptr(), id)
        };
        let mut data = vec![0u8; size];
        // SAFETY: room for the `size` bytes libheif said the block has, and it writes that many.
        unsafe {
            check((self.functions.heif_image_handle_get_metadata)(
                self.handle.as_ptr(),
                id,
                data.as_mut_ptr().cast(),
            ))?;
        }
        Ok(data)
    }

    /// The ICC colour profile, when the image has one.
    pub fn icc_profile(&self) -> Option<Vec<u8>> {
        // SAFETY: a live handle.
        let size = unsafe {
            (self.functions.heif_image_handle_get_raw_color_profile_size)(self.handle.as_ptr())
        };
        if size == 0 {
            return None;
        }
        let mut data = vec![0u8; size];
        // SAFETY: room for the `size` bytes libheif said the profile has.
        let copied = unsafe {
            check((self.functions.heif_image_handle_get_raw_color_profile)(
                self.handle.as_ptr(),
                data.as_mut_ptr().cast(),
            ))
        };
        copied.ok().map(|()| data)
    }

    /// Decodes the image, upright (the container's rotation, mirroring and crop applied), as
    /// interleaved 8-bit RGB, or RGBA when `alpha`.
    pub fn decode_rgb(&self, alpha: bool) -> Result<Image, Error> {
        let chroma = if alpha {
            CHROMA_INTERLEAVED_RGBA
        } else {
            CHROMA_INTERLEAVED_RGB
        };
        let mut image = std::ptr::null_mut();
        // SAFETY: a live handle and a place for the image; default decoding options (NULL).
        unsafe {
            check((self.functions.heif_decode_image)(
                self.handle.as_ptr(),
                &mut image,
                COLORSPACE_RGB,
                chroma,
                std::ptr::null(),
            ))?;
        }
        let image = NonNull::new(image).ok_or_else(|| Error::Refused {
            code: ErrorCode::DecoderPluginError,
            message: "the image decoded to nothing".into(),
        })?;
        Ok(Image {
            image,
            functions: self.functions,
        })
    }
}

impl Drop for Handle<'_> {
    fn drop(&mut self) {
        // SAFETY: the handle came from libheif and is released once, here.
        unsafe { (self.functions.heif_image_handle_release)(self.handle.as_ptr()) }
    }
}

/// A decoded image.
pub struct Image {
    image: NonNull<HeifImage>,
    functions: &'static Functions,
}

/// The interleaved pixels of an [`Image`]: `height` rows of `stride` bytes.
#[derive(Debug)]
pub struct Plane<'image> {
    pub data: &'image [u8],
    pub stride: usize,
    pub width: u32,
    pub height: u32,
    /// Bits a pixel takes in memory (24 for 8-bit RGB).
    pub storage_bits_per_pixel: u8,
    /// Bits a sample carries (8, or 10/12 for HDR).
    pub bits_per_pixel: u8,
}

impl Image {
    /// The interleaved plane, if the image has one.
    pub fn interleaved(&self) -> Option<Plane<'_>> {
        let image = self.image.as_ptr();
        let mut stride: c_int = 0;
        // SAFETY: a live image; the result is NULL or its plane, which lives as long as the
        // image and holds `height` rows of `stride` bytes.
        unsafe {
            let data = (self.functions.heif_image_get_plane_readonly)(
                image,
                CHANNEL_INTERLEAVED,
                &mut stride,
            );
            if data.is_null() {
                return None;
            }
            let width = (self.functions.heif_image_get_width)(image, CHANNEL_INTERLEAVED);
            let height = (self.functions.heif_image_get_height)(image, CHANNEL_INTERLEAVED);
            let storage =
                (self.functions.heif_image_get_bits_per_pixel)(image, CHANNEL_INTERLEAVED);
            let range =
                (self.functions.heif_image_get_bits_per_pixel_range)(image, CHANNEL_INTERLEAVED);
            let stride = usize::try_from(stride).ok()?;
            let height_rows = usize::try_from(height).ok()?;
            Some(Plane {
                data: std::slice::from_raw_parts(data, stride.checked_mul(height_rows)?),
                stride,
                width: u32::try_from(width).ok()?,
                height: u32::try_from(height).ok()?,
                storage_bits_per_pixel: u8::try_from(storage).unwrap_or(0),
                bits_per_pixel: u8::try_from(range).unwrap_or(0),
            })
        }
    }
}

impl Drop for Image {
    fn drop(&mut self) {
        // SAFETY: the image came from `heif_decode_image` and is released once, here.
        unsafe { (self.functions.heif_image_release)(self.image.as_ptr()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use folio_samples::{heic, photos};

    #[test]
    fn a_heic_is_read_and_decoded_upright() {
        let bytes = heic::heic_from_jpeg(&photos::jpeg(96, 64));
        let context = Context::read(&bytes).unwrap();
        let primary = context.primary().unwrap();
        assert_eq!((primary.width(), primary.height()), (96, 64));
        assert!(!primary.has_alpha());
        let image = primary.decode_rgb(false).unwrap();
        let plane = image.interleaved().unwrap();
        assert_eq!((plane.width, plane.height), (96, 64));
        assert_eq!(
            (plane.storage_bits_per_pixel, plane.bits_per_pixel),
            (24, 8)
        );
        assert!(plane.stride >= 96 * 3);
        assert_eq!(plane.data.len(), plane.stride * 64);
    }

    #[test]
    fn bytes_that_are_not_heif_are_refused_in_words() {
        let junk = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic and then nothing";
        let refused = Context::read(junk).and_then(|context| context.primary().map(|_| ()));
        match refused {
            Err(Error::Refused { message, .. }) => assert!(!message.is_empty()),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
}

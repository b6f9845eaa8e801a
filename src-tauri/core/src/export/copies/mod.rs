//! Copies of items taken out of the archive — saved to a folder, dragged to the desktop or into
//! an e-mail. A photo's copy carries its title, caption, credit, byline, copyright, keywords and
//! date as the archive has them now, written into the file as other tools read them; an
//! article's copy is its original file. The originals in `objects/` are only read.
//!
//! | format | XMP | IPTC IIM | EXIF text tags |
//! |---|---|---|---|
//! | JPEG | APP1 packet | APP13 Photoshop resource 0x0404 | IFD0 of the APP1 EXIF block |
//! | PNG | `iTXt` `XML:com.adobe.xmp` | `zTXt` raw profile (as exiftool writes it) | `eXIf` chunk, when present |
//! | TIFF | tag 700 | tag 33723 | IFD0 |
//! | WebP | `XMP ` chunk | — (the format has no place for it) | — (kept as it was) |
//! | HEIC | a JPEG made from it (upright, full size), then as a JPEG | | |
//! | GIF | copied as it is, and the report says so | | |
//!
//! A HEIC photo is taken out as a JPEG: an iPhone's own format is what an e-mail, a browser's
//! upload form or a newsroom system most often cannot open.
//!
//! Each copy is written to a hidden temporary file in the destination folder and renamed to a
//! free name (`name (2).jpg` when `name.jpg` exists) only once complete, so a damaged original
//! leaves nothing behind and nothing is ever overwritten. Files are streamed: a large TIFF is
//! never held in memory.

pub(crate) mod fields;
mod ifd;
mod jpeg;
mod png;
mod tiff;
mod webp;

use std::fs::File;
use std::io::{BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

pub use fields::Embedded;

use crate::archive::Archive;
use crate::error::{Error, Result};
use crate::file_names;
use crate::photo::PhotoFormat;
use crate::records::{Detail, Item};

/// What happened to each item asked for, in the order asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CopyReport {
    pub copies: Vec<CopiedItem>,
    // How many items could not be copied.
    pub failed: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CopiedItem {
    pub id: i64,
    pub title: String,
    // The file written; absent when the item could not be copied.
    pub path: Option<String>,
    // The blocks the copy's metadata was written into: "XMP", "IPTC", "EXIF".
    pub metadata: Vec<String>,
    // Said when a photo was copied as it is, without the archive's captions.
    pub note: Option<String>,
    // Why the item could not be copied, in words.
    pub error: Option<String>,
}

/// Which blocks a copy's metadata went into.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Carried {
    xmp: bool,
    iptc: bool,
    exif: bool,
}

impl Carried {
    fn names(self) -> Vec<String> {
        [(self.xmp, "XMP"), (self.iptc, "IPTC"), (self.exif, "EXIF")]
            .into_iter()
            .filter(|(carried, _)| *carried)
            .map(|(_, name)| name.to_string())
            .collect()
    }
}

/// Why a copy could not be written: the original is damaged (in words), or reading or writing
/// failed.
#[derive(Debug)]
pub(crate) enum Damaged {
    Format(String),
    Io(std::io::Error),
}

impl Damaged {
    fn new(why: &str) -> Self {
        Self::Format(why.to_string())
    }
}

impl From<std::io::Error> for Damaged {
    fn from(error: std::io::Error) -> Self {
        Self::Io(error)
    }
}

/// Copies the items to `destination` (created if missing). An item that cannot be copied is
/// reported with the reason and the others are still copied; only a destination that cannot be
/// used at all, or an archive that cannot be read, fails the whole call.
#[tracing::instrument(level = "debug", skip_all, err(level = "debug"))]
pub fn copy_items(archive: &Archive, item_ids: &[i64], destination: &Path) -> Result<CopyReport> {
    if item_ids.is_empty() {
        return Err(Error::InvalidInput(
            "nothing to copy: no items given".into(),
        ));
    }
    if destination.exists() && !destination.is_dir() {
        return Err(Error::InvalidInput(format!(
            "{} is not a folder",
            file_names::display_path(destination)
        )));
    }
    std::fs::create_dir_all(destination).map_err(Error::io("cannot create", destination))?;
    let conn = archive.reader()?;
    let mut copies = Vec::with_capacity(item_ids.len());
    for &id in item_ids {
        let item = match crate::records::load(&conn, &[id]) {
            Ok(mut items) if !items.is_empty() => items.remove(0),
            Ok(_) | Err(Error::NotFound(_)) => {
                copies.push(failed(id, String::new(), format!("there is no item {id}")));
                continue;
            }
            Err(error) => return Err(error),
        };
        copies.push(match copy_one(archive, &item, destination) {
            Ok(copied) => copied,
            Err(error) => failed(id, item.title.clone(), error.to_string()),
        });
    }
    let failed = copies.iter().filter(|c| c.error.is_some()).count();
    Ok(CopyReport { copies, failed })
}

fn failed(id: i64, title: String, error: String) -> CopiedItem {
    CopiedItem {
        id,
        title,
        path: None,
        metadata: Vec::new(),
        note: None,
        error: Some(error),
    }
}

/// What an item's copy says about it.
fn embedded(item: &Item) -> Option<Embedded> {
    let Detail::Photo(photo) = &item.detail else {
        return None;
    };
    Some(Embedded {
        title: item.title.clone(),
        caption: photo.caption.clone(),
        credit: photo.credit.clone(),
        byline: photo.byline.clone(),
        copyright: photo.copyright.clone(),
        keywords: photo.keywords.clone(),
        date: item.date.clone().or_else(|| photo.taken_at.clone()),
        rating: item.rating,
        label: item.label,
    })
}

fn copy_one(archive: &Archive, item: &Item, destination: &Path) -> Result<CopiedItem> {
    let mut source = archive.open_original(&item.sha256)?;
    let mut head = [0u8; 32];
    let head_len = read_up_to(&mut source, &mut head)
        .map_err(|e| Error::Internal(format!("cannot read the original: {e}")))?;
    source
        .rewind()
        .map_err(|e| Error::Internal(format!("cannot read the original: {e}")))?;
    let format = crate::photo::sniff(&head[..head_len]);
    let embedded = embedded(item);
    if let (Some(fields), Some(format)) = (&embedded, format)
        && crate::photo::needs_jpeg_rendition(format)
    {
        return copy_as_jpeg(item, &mut source, format, fields, destination);
    }
    let name = file_name(item, format);

    let temp = crate::user_files::builder(crate::user_files::Kind::File)
        .prefix(".folio-copy.")
        .suffix(".part")
        .tempfile_in(destination)
        .map_err(Error::io("cannot write in", destination))?;
    let (carried, note) = match (&embedded, format) {
        (Some(fields), Some(format)) => write_photo(&mut source, temp.as_file(), format, fields)
            .map_err(|damaged| match damaged {
                Damaged::Format(why) => Error::InvalidInput(format!(
                    "the original {} cannot be copied with its captions: {why}",
                    format.name()
                )),
                Damaged::Io(e) => Error::Io {
                    action: "cannot write",
                    path: destination.to_path_buf(),
                    source: e,
                },
            })?,
        _ => {
            let mut out = BufWriter::new(temp.as_file());
            std::io::copy(&mut source, &mut out)
                .and_then(|_| out.flush())
                .map_err(Error::io("cannot write in", destination))?;
            let note = embedded.is_some().then(|| {
                "copied as it is: Folio cannot write captions into this kind of file".to_string()
            });
            (Carried::default(), note)
        }
    };
    temp.as_file()
        .sync_all()
        .map_err(Error::io("cannot write in", destination))?;
    let path = persist_free_name(temp, destination, &name)?;
    Ok(CopiedItem {
        id: item.id,
        title: item.title.clone(),
        path: Some(path.to_string_lossy().into_owned()),
        metadata: carried.names(),
        note,
        error: None,
    })
}

/// The largest original made into a JPEG for a copy (a phone's HEIC is a few megabytes).
const MAX_RENDITION_SOURCE: u64 = 256 << 20;

/// The copy of a photo whose format receivers seldom open (HEIC): a JPEG made from it, with the
/// archive's metadata written in as into any JPEG, named like the original with `.jpg`.
fn copy_as_jpeg(
    item: &Item,
    source: &mut File,
    format: PhotoFormat,
    fields: &Embedded,
    destination: &Path,
) -> Result<CopiedItem> {
    let cannot_read = |e: std::io::Error| Error::Internal(format!("cannot read the original: {e}"));
    let size = source.metadata().map_err(cannot_read)?.len();
    if size > MAX_RENDITION_SOURCE {
        return Err(Error::InvalidInput(format!(
            "the {} original is too large to be made into a JPEG ({})",
            format.name(),
            crate::text::human_size(size)
        )));
    }
    let mut original = Vec::new();
    source.read_to_end(&mut original).map_err(cannot_read)?;
    let rendition = crate::photo::jpeg_rendition(&original).map_err(|e| {
        Error::InvalidInput(format!(
            "the {} original cannot be made into a JPEG: {e}",
            format.name()
        ))
    })?;
    drop(original);
    let temp = crate::user_files::builder(crate::user_files::Kind::File)
        .prefix(".folio-copy.")
        .suffix(".part")
        .tempfile_in(destination)
        .map_err(Error::io("cannot write in", destination))?;
    let carried = buffered(temp.as_file(), |w| {
        jpeg::write(&mut std::io::Cursor::new(&rendition), w, fields)
    })
    .map_err(|damaged| match damaged {
        Damaged::Format(why) => Error::Internal(format!("the JPEG made from the original: {why}")),
        Damaged::Io(e) => Error::Io {
            action: "cannot write",
            path: destination.to_path_buf(),
            source: e,
        },
    })?;
    temp.as_file()
        .sync_all()
        .map_err(Error::io("cannot write in", destination))?;
    let path = persist_free_name(
        temp,
        destination,
        &jpeg_name(&file_name(item, Some(format))),
    )?;
    Ok(CopiedItem {
        id: item.id,
        title: item.title.clone(),
        path: Some(path.to_string_lossy().into_owned()),
        metadata: carried.names(),
        note: Some(format!("a JPEG made from the {} original", format.name())),
        error: None,
    })
}

/// `IMG_0001.HEIC` → `IMG_0001.jpg`.
fn jpeg_name(name: &str) -> String {
    let stem = match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => name,
    };
    format!("{stem}.jpg")
}

/// Writes the copy of a photo, with its metadata where the format has room for it.
fn write_photo(
    source: &mut File,
    out: &File,
    format: PhotoFormat,
    fields: &Embedded,
) -> std::result::Result<(Carried, Option<String>), Damaged> {
    let mut reader = std::io::BufReader::with_capacity(1 << 16, source);
    let carried = match format {
        PhotoFormat::Jpeg => buffered(out, |w| jpeg::write(&mut reader, w, fields))?,
        PhotoFormat::Png => buffered(out, |w| png::write(&mut reader, w, fields))?,
        PhotoFormat::Webp => webp::write(&mut reader, out, fields)?,
        PhotoFormat::Tiff => tiff::write(reader.into_inner(), out, fields)?,
        PhotoFormat::Gif | PhotoFormat::Heic => {
            let mut w = BufWriter::new(out);
            std::io::copy(&mut reader, &mut w)?;
            w.flush()?;
            return Ok((
                Carried::default(),
                Some(format!(
                    "copied as it is: Folio does not write captions into {} files",
                    format.name()
                )),
            ));
        }
    };
    let names = carried.names();
    let note = names.is_empty().then(|| {
        format!(
            "copied as it is: Folio cannot write captions into this {} file",
            format.name()
        )
    });
    Ok((carried, note))
}

fn buffered(
    out: &File,
    write: impl FnOnce(&mut BufWriter<&File>) -> std::result::Result<Carried, Damaged>,
) -> std::result::Result<Carried, Damaged> {
    let mut w = BufWriter::with_capacity(1 << 20, out);
    let carried = write(&mut w)?;
    w.flush()?;
    Ok(carried)
}

fn read_up_to(source: &mut impl Read, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match source.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// The copy's file name: the name the original was imported under, made safe for every system;
/// else the item's title with the format's extension.
fn file_name(item: &Item, format: Option<PhotoFormat>) -> String {
    let extension = match format {
        Some(PhotoFormat::Jpeg) => ".jpg",
        Some(PhotoFormat::Png) => ".png",
        Some(PhotoFormat::Tiff) => ".tif",
        Some(PhotoFormat::Webp) => ".webp",
        Some(PhotoFormat::Gif) => ".gif",
        Some(PhotoFormat::Heic) => ".heic",
        None => "",
    };
    let fallback = format!(
        "{}{extension}",
        file_names::portable(&item.title, &item.uid)
    );
    file_names::portable(&item.source_name, &fallback)
}

/// Renames the finished temporary file to `name` in `folder`, or to `name (2)`, `name (3)`…
/// when taken; never replaces a file, even one that appears meanwhile.
fn persist_free_name(
    mut temp: tempfile::NamedTempFile,
    folder: &Path,
    name: &str,
) -> Result<PathBuf> {
    let (stem, extension) = match name.rfind('.') {
        Some(dot) if dot > 0 => name.split_at(dot),
        _ => (name, ""),
    };
    for n in 1..=10_000u32 {
        let candidate = if n == 1 {
            folder.join(name)
        } else {
            folder.join(format!("{stem} ({n}){extension}"))
        };
        match temp.persist_noclobber(&candidate) {
            Ok(_) => return Ok(candidate),
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => temp = e.file,
            Err(e) => {
                return Err(Error::Io {
                    action: "cannot write",
                    path: candidate,
                    source: e.error,
                });
            }
        }
    }
    Err(Error::InvalidInput(format!(
        "{} has too many files named like {name}",
        file_names::display_path(folder)
    )))
}

#[cfg(test)]
mod tests;

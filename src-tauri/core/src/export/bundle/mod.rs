//! ZIP bundles: a BagIt bag (RFC 8493) zipped, holding the originals byte for byte, photo copies
//! carrying their captions, a JPEG rendition beside each HEIC (`IMG_0001.heic` and
//! `IMG_0001.jpg`, captioned too), `items.json` to rebuild the items in another archive,
//! `items.csv` for spreadsheets and an offline `index.html` catalogue (DESIGN §6).
//!
//! ```text
//! <bag>/bagit.txt  bag-info.txt  manifest-sha256.txt  manifest-sha512.txt  tagmanifest-sha256.txt
//! <bag>/data/items.json  items.csv  index.html
//! <bag>/data/articles/…  photos/…  captioned/…  thumbs/<sha256>-256.jpg
//! ```

mod captioned;
mod catalogue;
mod table;

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;

use sha2::{Digest, Sha256, Sha512};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::archive::Archive;
use crate::error::Error;

use super::{ExportRequest, Job, Stop};
use crate::bundle::{bagit, format};
use crate::file_names::{self, UniqueNames};
use crate::records::{Detail, Item};
use bagit::PayloadFile;
use format::{BundleCollection, BundleIndex, BundleItem};

/// The thumbnail size the catalogue shows.
const THUMBNAIL_SIDE: u32 = 256;

/// The bag's folder name: the output file's name without `.zip`, made safe.
pub fn bag_name(output: &Path) -> String {
    let stem = output
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    file_names::portable(&stem, "folio-bundle")
}

pub(super) fn write(
    archive: &Archive,
    items: &[Item],
    request: &ExportRequest,
    bag: &str,
    output: &File,
    job: &Job<'_>,
) -> Result<(), Stop> {
    let mut writer = BagWriter {
        zip: ZipWriter::new(output),
        bag: bag.to_string(),
        payload: Vec::new(),
        written_thumbnails: HashSet::new(),
    };
    writer.tag_file(bagit::BAGIT_TXT, bagit::bagit_txt().as_bytes())?;

    let mut names: HashMap<&str, UniqueNames> = HashMap::new();
    let mut bundle_items = Vec::with_capacity(items.len());
    for item in items {
        job.check()?;
        let folder = match item.detail {
            Detail::Article(_) => "articles",
            Detail::Photo(_) => "photos",
        };
        let fallback = format!("{}{}", item.uid, extension_for(&item.media_type));
        let name = names
            .entry(folder)
            .or_default()
            .claim(&file_names::portable(&item.source_name, &fallback));
        let path = format!("data/{folder}/{name}");
        writer.original(archive, item, &path)?;
        let captioned_path = match &item.detail {
            Detail::Photo(photo) if item.media_type == "image/jpeg" => {
                let caption = captioned::Caption {
                    caption: &photo.caption,
                    credit: &photo.credit,
                    byline: &photo.byline,
                    copyright: &photo.copyright,
                    keywords: &photo.keywords,
                    rating: item.rating,
                    label: item.label,
                };
                let captioned = format!("data/captioned/{name}");
                writer
                    .captioned_copy(archive, item, &caption, &captioned)?
                    .then_some(captioned)
            }
            _ => None,
        };
        // A photo few programs open (HEIC) gets a JPEG beside it, as a press desk sends one.
        let rendition_path = match &item.detail {
            Detail::Photo(photo) if needs_rendition(&item.media_type) => {
                let rendition = format!(
                    "data/{folder}/{}",
                    names
                        .entry(folder)
                        .or_default()
                        .claim(&format!("{}.jpg", file_names::split_extension(&name).0))
                );
                let caption = captioned::Caption {
                    caption: &photo.caption,
                    credit: &photo.credit,
                    byline: &photo.byline,
                    copyright: &photo.copyright,
                    keywords: &photo.keywords,
                    rating: item.rating,
                    label: item.label,
                };
                writer
                    .rendition(archive, item, &caption, &rendition)?
                    .then_some(rendition)
            }
            _ => None,
        };
        let thumbnail = writer.thumbnail(archive, thumbnail_source(item))?;
        let mut entry = BundleItem::from_record(item, path, captioned_path, thumbnail);
        entry.rendition_path = rendition_path;
        if !request.with_source_paths {
            entry.source_path = item.source_name.clone();
        }
        bundle_items.push(entry);
        job.item_done(&item.title, item.size);
    }

    let uid_of: HashMap<i64, &str> = items.iter().map(|i| (i.id, i.uid.as_str())).collect();
    let collections: Vec<BundleCollection> = request
        .collections
        .iter()
        .map(|(name, ids)| BundleCollection {
            name: name.clone(),
            items: ids
                .iter()
                .filter_map(|id| uid_of.get(id).map(|uid| (*uid).to_string()))
                .collect(),
        })
        .filter(|collection| !collection.items.is_empty())
        .collect();
    let index = BundleIndex {
        format: format::FORMAT.into(),
        version: format::VERSION,
        title: request.title.trim().to_string(),
        exported_at: crate::now_rfc3339(),
        items: bundle_items,
        collections,
    };
    let json = serde_json::to_vec_pretty(&index)
        .map_err(|e| Error::Internal(format!("items.json: {e}")))?;
    writer.payload_file("data/items.json", &json)?;
    let csv = table::items_csv(&index.items, |uid| {
        index
            .collections
            .iter()
            .filter(|c| c.items.iter().any(|i| i == uid))
            .map(|c| c.name.clone())
            .collect()
    });
    writer.payload_file("data/items.csv", csv.as_bytes())?;
    writer.payload_file("data/index.html", catalogue::index_html(&index).as_bytes())?;
    writer.finish(&index)
}

struct BagWriter<'a> {
    zip: ZipWriter<&'a File>,
    bag: String,
    payload: Vec<PayloadFile>,
    written_thumbnails: HashSet<String>,
}

impl BagWriter<'_> {
    fn start(&mut self, path: &str, compress: bool, size: u64) -> Result<(), Stop> {
        let method = if compress {
            CompressionMethod::Deflated
        } else {
            CompressionMethod::Stored
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .large_file(size >= u64::from(u32::MAX))
            .unix_permissions(0o644);
        self.zip
            .start_file(format!("{}/{path}", self.bag), options)
            .map_err(zip_error)?;
        Ok(())
    }

    fn write_all(&mut self, bytes: &[u8]) -> Result<(), Stop> {
        self.zip
            .write_all(bytes)
            .map_err(|e| Error::Internal(format!("cannot write the ZIP: {e}")))?;
        Ok(())
    }

    fn tag_file(&mut self, path: &str, bytes: &[u8]) -> Result<(), Stop> {
        self.start(path, true, bytes.len() as u64)?;
        self.write_all(bytes)
    }

    /// Adds a text payload file made in memory.
    fn payload_file(&mut self, path: &str, bytes: &[u8]) -> Result<(), Stop> {
        self.payload_bytes(path, bytes, true)
    }

    /// Adds a payload file from memory, hashed while the ZIP compresses and writes it.
    fn payload_bytes(&mut self, path: &str, bytes: &[u8], compress: bool) -> Result<(), Stop> {
        self.start(path, compress, bytes.len() as u64)?;
        let zip = &mut self.zip;
        let (entry, written) = rayon::join(
            || PayloadFile::of_bytes(path.to_string(), bytes),
            || zip.write_all(bytes),
        );
        written.map_err(|e| Error::Internal(format!("cannot write the ZIP: {e}")))?;
        self.payload.push(entry);
        Ok(())
    }

    /// Streams an original from the object store into the bag. Its SHA-256 is the archive's
    /// own (DESIGN §1: the stored hash is reused on export); the SHA-512 is computed on the
    /// way, beside the ZIP's writing.
    fn original(&mut self, archive: &Archive, item: &Item, path: &str) -> Result<(), Stop> {
        let mut source = archive.open_original(&item.sha256)?;
        self.start(path, compresses(&item.media_type), item.size)?;
        let mut sha512 = Sha512::new();
        let mut size = 0u64;
        let mut buffer = vec![0u8; 1 << 20];
        loop {
            let n = source
                .read(&mut buffer)
                .map_err(|e| Error::Internal(format!("cannot read an original: {e}")))?;
            if n == 0 {
                break;
            }
            let chunk = &buffer[..n];
            let zip = &mut self.zip;
            let ((), written) = rayon::join(|| sha512.update(chunk), || zip.write_all(chunk));
            written.map_err(|e| Error::Internal(format!("cannot write the ZIP: {e}")))?;
            size += n as u64;
        }
        if size != item.size {
            return Err(Stop::Failed(Error::Internal(format!(
                "the original of item {} ({}) is not the size the archive recorded; run \
                 `folio verify`",
                item.id, item.title
            ))));
        }
        self.payload.push(PayloadFile {
            path: path.to_string(),
            sha256: item.sha256.clone(),
            sha512: crate::hex(&sha512.finalize()),
            size,
        });
        Ok(())
    }

    /// Adds a copy of a JPEG photo carrying the archive's caption, unless the original already
    /// carries it; true when a copy was added.
    fn captioned_copy(
        &mut self,
        archive: &Archive,
        item: &Item,
        caption: &captioned::Caption<'_>,
        path: &str,
    ) -> Result<bool, Stop> {
        if caption.is_empty() {
            return Ok(false);
        }
        let mut original = Vec::new();
        archive
            .open_original(&item.sha256)?
            .read_to_end(&mut original)
            .map_err(|e| Error::Internal(format!("cannot read an original: {e}")))?;
        if captioned::already_carries(&original, caption) {
            return Ok(false);
        }
        let Some(copy) = captioned::captioned_jpeg(&original, caption) else {
            tracing::warn!(
                "photo {} could not be captioned: not a readable JPEG",
                item.id
            );
            return Ok(false);
        };
        self.payload_bytes(path, &copy, false)?;
        Ok(true)
    }

    /// Adds a JPEG rendition of a photo at `path`, carrying the archive's caption; false (and
    /// a warning in the log) when the original cannot be decoded.
    fn rendition(
        &mut self,
        archive: &Archive,
        item: &Item,
        caption: &captioned::Caption<'_>,
        path: &str,
    ) -> Result<bool, Stop> {
        let mut original = Vec::new();
        archive
            .open_original(&item.sha256)?
            .read_to_end(&mut original)
            .map_err(|e| Error::Internal(format!("cannot read an original: {e}")))?;
        let rendition = match crate::photo::jpeg_rendition(&original) {
            Ok(rendition) => rendition,
            Err(why) => {
                tracing::warn!("photo {} has no JPEG rendition: {why}", item.id);
                return Ok(false);
            }
        };
        drop(original);
        let rendition = if caption.is_empty() {
            rendition
        } else {
            captioned::captioned_jpeg(&rendition, caption).unwrap_or(rendition)
        };
        self.payload_bytes(path, &rendition, false)?;
        Ok(true)
    }

    /// Adds the catalogue thumbnail of `sha256` once; its bag path, when the archive has one.
    fn thumbnail(
        &mut self,
        archive: &Archive,
        sha256: Option<&str>,
    ) -> Result<Option<String>, Stop> {
        let Some(sha256) = sha256 else {
            return Ok(None);
        };
        let path = format!("data/thumbs/{sha256}-{THUMBNAIL_SIDE}.jpg");
        if self.written_thumbnails.contains(sha256) {
            return Ok(Some(path));
        }
        // Thumbnails are derived and may have been deleted (or be the team's, out of reach);
        // the catalogue then shows none.
        let source = crate::originals::thumbnail_file(archive, sha256, THUMBNAIL_SIDE);
        let Some(Ok(bytes)) = source.ok().flatten().map(std::fs::read) else {
            return Ok(None);
        };
        self.payload_bytes(&path, &bytes, false)?;
        self.written_thumbnails.insert(sha256.to_string());
        Ok(Some(path))
    }

    /// Writes bag-info.txt and the manifests, then the ZIP's directory.
    fn finish(mut self, index: &BundleIndex) -> Result<(), Stop> {
        let bagging_date = index.exported_at.get(..10).unwrap_or(&index.exported_at);
        let info = bagit::BagInfo {
            description: &index.title,
            bagging_date,
            articles: index.items.iter().filter(|i| i.kind == "article").count(),
            photos: index.items.iter().filter(|i| i.kind == "photo").count(),
        };
        let tag_files = [
            (bagit::BAGIT_TXT.to_string(), bagit::bagit_txt()),
            (
                bagit::BAG_INFO_TXT.to_string(),
                bagit::bag_info(&info, &self.payload),
            ),
            (
                bagit::MANIFEST_SHA256.to_string(),
                bagit::manifest(
                    self.payload
                        .iter()
                        .map(|f| (f.sha256.as_str(), f.path.as_str())),
                ),
            ),
            (
                bagit::MANIFEST_SHA512.to_string(),
                bagit::manifest(
                    self.payload
                        .iter()
                        .map(|f| (f.sha512.as_str(), f.path.as_str())),
                ),
            ),
        ];
        let mut tag_checksums = Vec::new();
        for (name, text) in &tag_files {
            if name != bagit::BAGIT_TXT {
                self.tag_file(name, text.as_bytes())?;
            }
            tag_checksums.push((crate::hex(&Sha256::digest(text.as_bytes())), name.clone()));
        }
        let tagmanifest = bagit::manifest(
            tag_checksums
                .iter()
                .map(|(sum, name)| (sum.as_str(), name.as_str())),
        );
        self.tag_file(bagit::TAGMANIFEST_SHA256, tagmanifest.as_bytes())?;
        self.zip.finish().map_err(zip_error)?;
        Ok(())
    }
}

fn zip_error(error: zip::result::ZipError) -> Error {
    Error::Internal(format!("cannot write the ZIP: {error}"))
}

/// Text and uncompressed images shrink when deflated; JPEG, PNG, PDF, DOCX and the like are
/// compressed already and are stored as they are.
fn compresses(media_type: &str) -> bool {
    media_type.starts_with("text/")
        || matches!(
            media_type,
            "multipart/related" | "image/tiff" | "image/bmp" | "application/json"
        )
}

/// Whether an original of this media type gets a JPEG rendition beside it in the bag.
fn needs_rendition(media_type: &str) -> bool {
    crate::photo::PhotoFormat::from_media_type(media_type)
        .is_some_and(crate::photo::needs_jpeg_rendition)
}

/// An extension for an original that has no usable name.
fn extension_for(media_type: &str) -> &'static str {
    match media_type {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "image/webp" => ".webp",
        "image/tiff" => ".tif",
        "image/gif" => ".gif",
        "image/heic" => ".heic",
        "text/html" => ".html",
        "text/plain" => ".txt",
        "text/markdown" => ".md",
        "multipart/related" => ".mhtml",
        "application/pdf" => ".pdf",
        "application/vnd.oasis.opendocument.text" => ".odt",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => ".docx",
        _ => "",
    }
}

/// The photo whose thumbnail stands for an item: the photo itself, or an article's first
/// linked figure.
fn thumbnail_source(item: &Item) -> Option<&str> {
    match &item.detail {
        Detail::Photo(_) => Some(&item.sha256),
        Detail::Article(article) => article
            .figures
            .iter()
            .find_map(|f| f.photo.as_ref().map(|p| p.sha256.as_str())),
    }
}

//! The team's shared originals, in an object store: a folder every desktop mounts (an SMB or NFS
//! share) or S3-compatible storage (`s3://bucket/prefix`, configured by the usual `AWS_*`
//! variables: `AWS_ENDPOINT`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`,
//! `AWS_ALLOW_HTTP`). An original's key is its SHA-256, so an upload is idempotent: uploading
//! what is already there changes nothing.

use std::path::Path;
use std::sync::Arc;

use futures_util::{StreamExt, TryStreamExt};
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path as Key;
use object_store::prefix::PrefixStore;
use object_store::{ObjectStore, ObjectStoreExt, PutMode, PutPayload, RetryConfig};

use crate::{Error, Result};

pub struct Objects {
    store: Arc<dyn ObjectStore>,
    /// object_store is asynchronous; Folio's core is not. Each call is driven to completion here.
    runtime: tokio::runtime::Runtime,
    address: String,
}

impl std::fmt::Debug for Objects {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Objects({})", self.address)
    }
}

impl Objects {
    /// Opens the store at `address`: `s3://bucket[/prefix]`, or a folder that is there. A
    /// member never makes the team's folder itself: where a share is not mounted, the folder
    /// would be made on the local disk and the originals sent there would reach nobody.
    pub fn open(address: &str) -> Result<Self> {
        Self::open_folder_as(address, false)
    }

    /// Opens the store for a new team, making its folder if it is a folder that is not there.
    pub fn create(address: &str) -> Result<Self> {
        Self::open_folder_as(address, true)
    }

    fn open_folder_as(address: &str, make_folder: bool) -> Result<Self> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::Objects(format!("cannot start the transfer runtime: {e}")))?;
        let store: Arc<dyn ObjectStore> = if let Some(rest) = address.strip_prefix("s3://") {
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            if bucket.is_empty() {
                return Err(Error::Objects(format!(
                    "{address} names no bucket (write s3://BUCKET or s3://BUCKET/FOLDER)"
                )));
            }
            let s3 = AmazonS3Builder::from_env()
                .with_bucket_name(bucket)
                .with_retry(retry())
                .build()
                .map_err(|e| Error::Objects(format!("{address}: {e}")))?;
            let prefix = prefix.trim_matches('/');
            if prefix.is_empty() {
                Arc::new(s3)
            } else {
                Arc::new(PrefixStore::new(s3, prefix))
            }
        } else {
            let folder = address.strip_prefix("file://").unwrap_or(address);
            let folder = Path::new(folder);
            if !folder.is_absolute() {
                return Err(Error::Objects(format!(
                    "{address}: give the shared folder as a full path (every member's may differ, but each must be absolute)"
                )));
            }
            if make_folder {
                std::fs::create_dir_all(folder).map_err(|e| {
                    Error::Objects(format!(
                        "cannot create the folder {}: {e}",
                        folder.display()
                    ))
                })?;
            } else if !folder.is_dir() {
                return Err(Error::Objects(format!(
                    "the team's shared folder {} is not there: is the share mounted on this \
                     computer? (a member who finds it elsewhere joins with --objects PATH)",
                    folder.display()
                )));
            }
            Arc::new(
                LocalFileSystem::new_with_prefix(folder)
                    .map_err(|e| Error::Objects(format!("{}: {e}", folder.display())))?,
            )
        };
        Ok(Self {
            store,
            runtime,
            address: address.to_owned(),
        })
    }

    pub fn address(&self) -> &str {
        &self.address
    }

    /// Uploads an original from `file` unless the store has it; true if it was uploaded.
    pub fn upload_original(&self, sha256: &str, file: &Path) -> Result<bool> {
        self.upload(&original_key(sha256), file)
            .map_err(|e| self.failed("cannot upload", sha256, &e))
    }

    /// The bytes of an original.
    pub fn download_original(&self, sha256: &str) -> Result<Vec<u8>> {
        match self.download(&original_key(sha256)) {
            Ok(Some(bytes)) => Ok(bytes),
            Ok(None) => Err(Error::Objects(format!(
                "original {sha256} is not in {}: the member who imported it has not sent it",
                self.address
            ))),
            Err(e) => Err(self.failed("cannot download", sha256, &e)),
        }
    }

    /// Whether the store has an original.
    pub fn has_original(&self, sha256: &str) -> Result<bool> {
        Ok(self.original_size(sha256)?.is_some())
    }

    /// The size of the store's copy of an original, or `None` when it has none (a HEAD request).
    pub fn original_size(&self, sha256: &str) -> Result<Option<u64>> {
        self.size(&original_key(sha256))
            .map_err(|e| self.failed("cannot check", sha256, &e))
    }

    /// Whether the store has a thumbnail (a HEAD request).
    pub fn has_thumbnail(&self, sha256: &str, max_side: u32) -> Result<bool> {
        self.size(&thumbnail_key(sha256, max_side))
            .map(|size| size.is_some())
            .map_err(|e| self.failed("cannot check the thumbnail of", sha256, &e))
    }

    fn size(&self, key: &Key) -> std::result::Result<Option<u64>, object_store::Error> {
        match self.runtime.block_on(self.store.head(key)) {
            Ok(meta) => Ok(Some(meta.size)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Uploads a thumbnail unless the store has it.
    pub fn upload_thumbnail(&self, sha256: &str, max_side: u32, file: &Path) -> Result<bool> {
        self.upload(&thumbnail_key(sha256, max_side), file)
            .map_err(|e| self.failed("cannot upload the thumbnail of", sha256, &e))
    }

    /// A thumbnail's bytes, or `None` when the store has none (they can be made again).
    pub fn download_thumbnail(&self, sha256: &str, max_side: u32) -> Result<Option<Vec<u8>>> {
        self.download(&thumbnail_key(sha256, max_side))
            .map_err(|e| self.failed("cannot download the thumbnail of", sha256, &e))
    }

    /// The thumbnails of these originals at one size, fetched several at a time (each of
    /// `None` when the store has none). A member receiving thousands of photos waits for the
    /// store's answers side by side instead of one after another.
    pub fn download_thumbnails(
        &self,
        sha256s: &[&str],
        max_side: u32,
    ) -> Result<Vec<Option<Vec<u8>>>> {
        let fetches = sha256s.iter().map(|sha256| async move {
            self.fetch(&thumbnail_key(sha256, max_side))
                .await
                .map_err(|e| self.failed("cannot download the thumbnail of", sha256, &e))
        });
        self.runtime.block_on(
            futures_util::stream::iter(fetches)
                .buffered(TRANSFERS_AT_ONCE)
                .try_collect(),
        )
    }

    fn upload(&self, key: &Key, file: &Path) -> std::result::Result<bool, object_store::Error> {
        let bytes = std::fs::read(file).map_err(|source| object_store::Error::Generic {
            store: "local file",
            source: Box::new(source),
        })?;
        let put = self
            .store
            .put_opts(key, PutPayload::from(bytes), PutMode::Create.into());
        match self.runtime.block_on(put) {
            Ok(_) => Ok(true),
            Err(object_store::Error::AlreadyExists { .. }) => Ok(false),
            Err(e) => Err(e),
        }
    }

    fn download(&self, key: &Key) -> std::result::Result<Option<Vec<u8>>, object_store::Error> {
        self.runtime.block_on(self.fetch(key))
    }

    async fn fetch(&self, key: &Key) -> std::result::Result<Option<Vec<u8>>, object_store::Error> {
        let got = async { self.store.get(key).await?.bytes().await }.await;
        match got {
            Ok(bytes) => Ok(Some(bytes.to_vec())),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn failed(&self, what: &str, sha256: &str, error: &object_store::Error) -> Error {
        Error::Objects(format!(
            "{what} original {sha256} at {}: {}",
            self.address,
            reason(error)
        ))
    }
}

/// How many small objects (thumbnails) are fetched side by side: enough to hide a share's or
/// a bucket's round trips, few enough not to flood either.
const TRANSFERS_AT_ONCE: usize = 16;

/// A store that does not answer is retried a few times within seconds, not minutes: a sync
/// round that cannot reach it ends, says so, and the next round tries again.
fn retry() -> RetryConfig {
    RetryConfig {
        max_retries: 3,
        retry_timeout: std::time::Duration::from_secs(30),
        ..RetryConfig::default()
    }
}

/// Why a transfer failed, in words: a full disk and a store out of reach said plainly, with the
/// store's own words after them.
fn reason(error: &object_store::Error) -> String {
    if let object_store::Error::NotFound { .. } = error {
        return "it is not there".to_owned();
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    let mut unreachable = false;
    while let Some(cause) = source {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            match io.kind() {
                std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
                    return format!("the store is full ({io}); make room there and sync again");
                }
                std::io::ErrorKind::ConnectionRefused
                | std::io::ErrorKind::ConnectionReset
                | std::io::ErrorKind::ConnectionAborted
                | std::io::ErrorKind::NotConnected
                | std::io::ErrorKind::BrokenPipe
                | std::io::ErrorKind::TimedOut
                | std::io::ErrorKind::UnexpectedEof => unreachable = true,
                _ => {}
            }
        }
        source = cause.source();
    }
    let text = error.to_string();
    if unreachable || text.contains("error sending request") {
        format!("the store cannot be reached or stopped answering ({text})")
    } else {
        text
    }
}

/// `originals/ab/abcdef…`: the first two hex digits spread the keys over folders.
fn original_key(sha256: &str) -> Key {
    Key::from(format!("originals/{}/{sha256}", spread(sha256)))
}

fn thumbnail_key(sha256: &str, max_side: u32) -> Key {
    Key::from(format!(
        "thumbnails/{}/{sha256}-{max_side}.jpg",
        spread(sha256)
    ))
}

fn spread(sha256: &str) -> &str {
    sha256.get(..2).unwrap_or("00")
}

//! The photos of one dossier: where the template shows them, how many pixels that needs, and
//! each prepared once (read, decoded at reduced scale, encoded) however often it is shown.
//!
//! The template's page margins and picture heights come from here (they reach it in the
//! dossier's data), so the size a photo is shown at — and from it the pixels it is given, 300 per
//! inch by default — has one source.

use std::collections::HashMap;
use std::io::Read;

use serde::Serialize;
use typst::foundations::Bytes;

use crate::archive::Archive;
use crate::error::Error;

use super::embed;
use super::images::{self, Prepared};
use crate::export::Paper;

/// Pixels per inch a photo gets, at the size it is shown, unless the request says otherwise.
pub(super) const PRINT_DPI: f64 = 300.0;

const CM_PER_INCH: f64 = 2.54;

/// The page geometry the template lays pictures out in, in centimetres.
#[derive(Debug, Clone, Copy, Serialize)]
pub(super) struct PageGeometry {
    /// The paper's width.
    #[serde(skip)]
    pub width: f64,
    /// The left and right margins (each).
    pub margin_x: f64,
    /// The tallest a photo on its own page may be.
    pub photo_height: f64,
    /// The tallest a figure in an article may be.
    pub figure_height: f64,
}

impl PageGeometry {
    pub(super) fn of(paper: Paper) -> Self {
        Self {
            width: match paper {
                Paper::A4 => 21.0,
                Paper::Letter => 21.59,
            },
            margin_x: 2.2,
            photo_height: 15.5,
            figure_height: 9.5,
        }
    }

    /// The box a picture in `role` is fitted into: the column's width and the role's height.
    pub(super) fn frame(&self, role: Role) -> Frame {
        Frame {
            width: self.width - 2.0 * self.margin_x,
            height: match role {
                Role::Photo => self.photo_height,
                Role::Figure => self.figure_height,
            },
        }
    }
}

/// Where a picture is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// On a photo item's own page.
    Photo,
    /// As a figure of an article.
    Figure,
}

/// A box in centimetres. The template shows a picture as wide as the box, or less wide when
/// that would make it taller than the box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Frame {
    pub width: f64,
    pub height: f64,
}

impl Frame {
    /// The size, in centimetres, of a picture of `ratio` (width ÷ height) shown in this box.
    pub(super) fn shown(&self, ratio: f64) -> (f64, f64) {
        if self.width / ratio > self.height {
            (self.height * ratio, self.height)
        } else {
            (self.width, self.width / ratio)
        }
    }
}

/// The long side, in pixels, a picture of `ratio` needs to have `dpi` pixels per inch when
/// shown in `frame`.
pub(super) fn pixel_cap(ratio: f64, frame: Frame, dpi: f64) -> u32 {
    let (width, height) = frame.shown(ratio);
    let pixels = (width.max(height) / CM_PER_INCH * dpi).ceil();
    // A float-to-int `as` saturates; a degenerate ratio still yields at least one pixel.
    (pixels as u32).max(1)
}

/// How large the placed images are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Resolution {
    /// [`PRINT_DPI`] at the size each picture is shown.
    Print,
    /// At most this many pixels on the long side, whatever the size shown (`max_image_px`);
    /// a value at least the original's size keeps the original.
    LongSide(u32),
}

impl Resolution {
    /// `max_image_px` as the request gives it: absent means print resolution.
    pub(super) fn of(max_image_px: Option<u32>) -> Result<Self, Error> {
        match max_image_px {
            None => Ok(Self::Print),
            Some(0) => Err(Error::InvalidInput(
                "the largest image size must be at least 1 pixel".into(),
            )),
            Some(pixels) => Ok(Self::LongSide(pixels)),
        }
    }
}

/// An image at its virtual path, with its width ÷ height for sizing.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Picture {
    pub path: String,
    pub ratio: f64,
}

/// One photo of the dossier: where it is shown, then what was prepared for it.
#[derive(Default)]
struct Slot {
    roles: Vec<Role>,
    prepared: Option<Result<(Picture, Bytes), String>>,
}

pub(super) struct Pictures<'a> {
    archive: &'a Archive,
    resolution: Resolution,
    page: PageGeometry,
    slots: HashMap<String, Slot>,
    /// The prepared images by hash, held (encoded) until they replace their stand-ins.
    images: HashMap<String, Prepared>,
}

impl<'a> Pictures<'a> {
    pub(super) fn new(archive: &'a Archive, resolution: Resolution, page: PageGeometry) -> Self {
        Self {
            archive,
            resolution,
            page,
            slots: HashMap::new(),
            images: HashMap::new(),
        }
    }

    /// Notes that the photo `sha256` is shown in `role`; call for every use before any `get`,
    /// so a photo shown both as a figure and on its own page is prepared for the larger.
    pub(super) fn want(&mut self, sha256: &str, role: Role) {
        let slot = self.slots.entry(sha256.to_string()).or_default();
        if !slot.roles.contains(&role) {
            slot.roles.push(role);
        }
    }

    /// The picture of `sha256`, prepared on first use; the error says why it cannot be shown.
    pub(super) fn get(&mut self, sha256: &str) -> Result<Picture, String> {
        let done = self
            .slots
            .get(sha256)
            .is_some_and(|slot| slot.prepared.is_some());
        if !done {
            let roles = self
                .slots
                .get(sha256)
                .map(|slot| slot.roles.clone())
                .unwrap_or_default();
            let prepared = self.prepare(sha256, &roles);
            self.slots.entry(sha256.to_string()).or_default().prepared = Some(prepared);
        }
        match self
            .slots
            .get(sha256)
            .and_then(|slot| slot.prepared.as_ref())
        {
            Some(Ok((picture, _))) => Ok(picture.clone()),
            Some(Err(why)) => Err(why.clone()),
            None => Err("it was not prepared".into()),
        }
    }

    fn prepare(&mut self, sha256: &str, roles: &[Role]) -> Result<(Picture, Bytes), String> {
        let mut bytes = Vec::new();
        self.archive
            .open_original(sha256)
            .and_then(|mut file| {
                file.read_to_end(&mut bytes)
                    .map_err(|e| Error::Internal(e.to_string()))
            })
            .map_err(|_| "its original is missing from the archive (run folio verify)")?;
        let header = images::read_header(&bytes)?;
        let ratio = header.ratio();
        let max_px = match self.resolution {
            Resolution::LongSide(pixels) => pixels,
            Resolution::Print => [Role::Photo, Role::Figure]
                .into_iter()
                .filter(|role| roles.is_empty() || roles.contains(role))
                .map(|role| pixel_cap(ratio, self.page.frame(role), PRINT_DPI))
                .max()
                .unwrap_or(1),
        };
        let prepared = images::prepare(bytes, &header, max_px)?;
        let stand_in = embed::stand_in(sha256, prepared.orientation)?;
        self.images.insert(sha256.to_string(), prepared);
        let picture = Picture {
            path: format!("/img/{sha256}.jpg"),
            ratio,
        };
        Ok((picture, Bytes::new(stand_in)))
    }

    /// Whether any picture was prepared (and so the PDF needs its stand-ins replaced).
    pub(super) fn is_empty(&self) -> bool {
        self.images.is_empty()
    }

    /// The stand-ins typst lays out, at the pictures' virtual paths.
    pub(super) fn stand_ins(&self) -> Vec<(String, Bytes)> {
        self.slots
            .values()
            .filter_map(|slot| match &slot.prepared {
                Some(Ok((picture, bytes))) => Some((picture.path.clone(), bytes.clone())),
                _ => None,
            })
            .collect()
    }

    /// The prepared images by hash, for [`embed::replace_stand_ins`].
    pub(super) fn into_images(self) -> HashMap<String, Prepared> {
        self.images
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A4_PHOTO: Frame = Frame {
        width: 16.6,
        height: 15.5,
    };

    #[test]
    fn a_landscape_photo_fills_the_column_and_gets_300_dpi_of_its_width() {
        // 16.6 cm = 6.535 in; × 300 = 1960.6 → 1961 pixels.
        assert_eq!(pixel_cap(1.5, A4_PHOTO, 300.0), 1961);
    }

    #[test]
    fn a_portrait_photo_is_limited_by_the_height_it_may_take() {
        // 15.5 cm tall = 6.102 in; × 300 = 1830.7 → 1831 pixels on the long (vertical) side.
        assert_eq!(pixel_cap(2.0 / 3.0, A4_PHOTO, 300.0), 1831);
    }

    #[test]
    fn a_figure_is_smaller_than_a_photo_page_and_needs_fewer_pixels() {
        let page = PageGeometry::of(Paper::A4);
        let figure = pixel_cap(1.5, page.frame(Role::Figure), PRINT_DPI);
        let photo = pixel_cap(1.5, page.frame(Role::Photo), PRINT_DPI);
        // A 3:2 figure is 9.5 cm tall, so 14.25 cm wide: 1684 pixels.
        assert_eq!(figure, 1684);
        assert_eq!(photo, 1961);
    }

    #[test]
    fn letter_paper_has_a_wider_column_than_a4() {
        let a4 = PageGeometry::of(Paper::A4).frame(Role::Photo);
        let letter = PageGeometry::of(Paper::Letter).frame(Role::Photo);
        assert!((a4.width - 16.6).abs() < 1e-9);
        assert!(letter.width > a4.width);
        assert_eq!(pixel_cap(1.5, letter, PRINT_DPI), 2031);
    }

    #[test]
    fn a_degenerate_ratio_still_gives_a_pixel() {
        assert!(pixel_cap(1e-9, A4_PHOTO, 300.0) >= 1);
        assert!(pixel_cap(1e9, A4_PHOTO, 300.0) >= 1);
    }

    #[test]
    fn max_image_px_of_zero_is_refused_and_absent_means_print() {
        assert_eq!(Resolution::of(None).unwrap(), Resolution::Print);
        assert_eq!(
            Resolution::of(Some(800)).unwrap(),
            Resolution::LongSide(800)
        );
        assert!(matches!(
            Resolution::of(Some(0)),
            Err(Error::InvalidInput(_))
        ));
    }
}

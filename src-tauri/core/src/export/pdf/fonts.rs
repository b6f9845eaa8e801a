//! The fonts of every dossier: Noto Sans CJK SC Regular and Bold, compiled into the binary
//! (`core/fonts/`, SIL OFL 1.1), so a dossier looks the same on every machine. System fonts are
//! never consulted. Parsed once per process.

use std::sync::OnceLock;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

/// The family name the template asks for.
pub(super) const FAMILY: &str = "Noto Sans CJK SC";

static REGULAR: &[u8] = include_bytes!("../../../fonts/NotoSansSC-Regular.otf");
static BOLD: &[u8] = include_bytes!("../../../fonts/NotoSansSC-Bold.otf");

pub(super) struct Fonts {
    pub book: LazyHash<FontBook>,
    pub fonts: Vec<Font>,
}

pub(super) fn bundled() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = [REGULAR, BOLD]
            .into_iter()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        Fonts {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_bundled_faces_load_as_one_family() {
        let fonts = bundled();
        assert_eq!(fonts.fonts.len(), 2);
        for font in &fonts.fonts {
            assert_eq!(font.info().family, FAMILY);
        }
        let weights: Vec<u16> = fonts
            .fonts
            .iter()
            .map(|f| f.info().variant.weight.to_number())
            .collect();
        assert_eq!(weights, [400, 700]);
    }
}

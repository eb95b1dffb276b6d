//! The fonts a layout can use: the ones bundled in `assets/fonts/`, compiled into the binary, so
//! a poster looks the same on every machine and never picks up a system font.

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

const FONT_FILES: [&[u8]; 6] = [
    include_bytes!("../../../../assets/fonts/BeVietnamPro-Regular.ttf"),
    include_bytes!("../../../../assets/fonts/BeVietnamPro-Medium.ttf"),
    include_bytes!("../../../../assets/fonts/BeVietnamPro-SemiBold.ttf"),
    include_bytes!("../../../../assets/fonts/BeVietnamPro-Bold.ttf"),
    include_bytes!("../../../../assets/fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../../../assets/fonts/NotoSans-Bold.ttf"),
];

/// The parsed fonts and their book; made once per [`crate::Renderer`].
pub(crate) struct Fonts {
    pub book: LazyHash<FontBook>,
    pub fonts: Vec<Font>,
}

impl Fonts {
    pub fn load() -> Self {
        let fonts: Vec<Font> = FONT_FILES
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        Self { book, fonts }
    }

    /// The family names available, for messages and tests.
    pub fn families(&self) -> Vec<String> {
        let mut names: Vec<String> = self.fonts.iter().map(|f| f.info().family.clone()).collect();
        names.dedup();
        names
    }
}

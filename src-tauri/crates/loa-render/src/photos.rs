//! Photos given to a template lose their metadata before Typst sees them.
//!
//! Typst's PDF export embeds a JPEG as it is (`typst-pdf`'s `convert_raster` passes
//! `ExchangeFormat::Jpg` bytes straight through), so a phone photo's GPS position, camera
//! serial and comments would travel inside the PDF. PNG and WebP photos are decoded to pixels
//! for both PNG and PDF output, so nothing but their pixels reaches a file; they are left as
//! they are (re-encoding a large PNG would cost the preview a second for nothing).
//!
//! JPEGs go through `loa-media`'s pipeline — the same one as `loa media process`: turned
//! upright from their EXIF orientation, at most [`PHOTO_MAX_EDGE`] pixels on the long side,
//! written again without EXIF, XMP, IPTC or comments (the ICC profile is kept). The result is
//! kept for the next renders, so typing in the form does not pay for it again.

use loa_media::{Options, OutputFormat, Preset};
use typst::foundations::Bytes;

use crate::RenderError;

/// The long side of a cleaned photo: an A4 page at 300 dpi, or a full A3 page at 212 dpi.
pub const PHOTO_MAX_EDGE: u32 = 3508;
/// JPEG quality of the cleaned photo (print quality; artefacts stay invisible on paper).
const PHOTO_QUALITY: u8 = 92;
/// Photos kept cleaned (a form rarely has more than two photo fields).
const KEPT: usize = 4;

/// Whether a virtual input path is a JPEG photo (`.inputs/<field>.jpg`, as `loa-templates`
/// names them).
pub(crate) fn is_jpeg_input(path: &str) -> bool {
    path.starts_with(loa_templates::INPUTS_DIR) && path.ends_with(".jpg")
}

/// Cleaned photos by their original bytes, most recent first.
#[derive(Default)]
pub(crate) struct Stripped {
    kept: Vec<(Vec<u8>, Bytes)>,
}

impl Stripped {
    /// The cleaned copy of `original`, made now or earlier. `path` names the field in errors.
    pub fn stripped(&mut self, path: &str, original: &[u8]) -> Result<Bytes, RenderError> {
        if let Some(i) = self.kept.iter().position(|(o, _)| o.as_slice() == original) {
            let entry = self.kept.remove(i);
            let bytes = entry.1.clone();
            self.kept.insert(0, entry);
            return Ok(bytes);
        }
        let clean = strip_jpeg(original).map_err(|_| RenderError::Photo {
            key: field_of(path).to_owned(),
        })?;
        let bytes = Bytes::new(clean);
        self.kept.insert(0, (original.to_vec(), bytes.clone()));
        self.kept.truncate(KEPT);
        Ok(bytes)
    }
}

/// `.inputs/photo.jpg` → `photo`.
fn field_of(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.split('.').next().unwrap_or(name)
}

/// A JPEG written again, upright, without any metadata but its colour profile.
pub fn strip_jpeg(bytes: &[u8]) -> Result<Vec<u8>, loa_media::ProcessError> {
    let options = Options::builder()
        .preset(Preset::Print)
        .max_edge(PHOTO_MAX_EDGE)
        .quality(PHOTO_QUALITY)
        .format(OutputFormat::Jpeg)
        .keep_location(false)
        .build();
    loa_media::process(bytes, &options).map(|p| p.bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_field_is_named_from_the_virtual_path() {
        assert_eq!(field_of(".inputs/photo.jpg"), "photo");
        assert!(is_jpeg_input(".inputs/photo.jpg"));
        assert!(!is_jpeg_input(".inputs/photo.png"));
        assert!(!is_jpeg_input("notice/assets/sample.jpg"));
    }

    #[test]
    fn a_damaged_photo_is_a_typed_error() {
        let mut s = Stripped::default();
        assert_eq!(
            s.stripped(".inputs/photo.jpg", b"\xFF\xD8\xFF\xE0 not really"),
            Err(RenderError::Photo {
                key: "photo".into()
            })
        );
    }
}

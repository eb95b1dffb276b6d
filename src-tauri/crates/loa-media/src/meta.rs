//! Telling formats apart and reading / writing the metadata we care about (EXIF orientation, GPS,
//! ICC profile), without trusting a single offset in the file. Pure functions over bytes.

use crate::error::DecodeError;

/// The formats the pipeline decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    Jpeg,
    Png,
    WebP,
}

/// Tells the format from the first bytes. Known formats we do not decode get
/// [`DecodeError::Unsupported`] with their name, so the officer learns what to change.
pub fn sniff(bytes: &[u8]) -> Result<SourceFormat, DecodeError> {
    let unsupported = |name: &str| {
        Err(DecodeError::Unsupported {
            format: name.to_owned(),
        })
    };
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(SourceFormat::Jpeg);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(SourceFormat::Png);
    }
    if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Ok(SourceFormat::WebP);
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        let brand = &bytes[8..12];
        return match brand {
            b"avif" | b"avis" => unsupported("AVIF"),
            b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"hevm" | b"hevs"
            | b"mif1" | b"msf1" => unsupported("HEIC"),
            _ => unsupported("HEIF/MP4"),
        };
    }
    if bytes.starts_with(b"GIF8") {
        return unsupported("GIF");
    }
    if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        return unsupported("TIFF/RAW");
    }
    if bytes.starts_with(b"BM") && bytes.len() > 26 {
        return unsupported("BMP");
    }
    Err(DecodeError::NotAnImage)
}

/// The metadata segments of a JPEG before its first scan.
#[derive(Debug, Default, Clone)]
pub struct JpegSegments {
    /// The TIFF structure of the first `Exif` APP1 segment (without the `Exif\0\0` prefix).
    pub exif: Option<Vec<u8>>,
    /// The ICC profile, reassembled from its APP2 chunks in sequence order.
    pub icc: Option<Vec<u8>>,
}

const EXIF_PREFIX: &[u8] = b"Exif\0\0";
const ICC_PREFIX: &[u8] = b"ICC_PROFILE\0";
/// Payload room in one APP2 segment: 65,535 − 2 (length) − 12 (tag) − 2 (sequence, count).
const ICC_CHUNK: usize = 65_519;

/// Walks the markers of a JPEG up to the first scan. A damaged marker stream ends the walk; what
/// was found so far is returned.
pub fn jpeg_segments(bytes: &[u8]) -> JpegSegments {
    let mut out = JpegSegments::default();
    let mut icc_chunks: Vec<(u8, &[u8])> = Vec::new();
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            break;
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1; // fill byte
            continue;
        }
        if marker == 0xD8 || (0xD0..=0xD7).contains(&marker) || marker == 0x01 {
            i += 2;
            continue;
        }
        if marker == 0xDA || marker == 0xD9 {
            break;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        if len < 2 || i + 2 + len > bytes.len() {
            break;
        }
        let payload = &bytes[i + 4..i + 2 + len];
        if marker == 0xE1 && out.exif.is_none() && payload.starts_with(EXIF_PREFIX) {
            out.exif = Some(payload[EXIF_PREFIX.len()..].to_vec());
        } else if marker == 0xE2 && payload.starts_with(ICC_PREFIX) && payload.len() > 14 {
            icc_chunks.push((payload[12], &payload[14..]));
        }
        i += 2 + len;
    }
    if !icc_chunks.is_empty() {
        icc_chunks.sort_by_key(|(seq, _)| *seq);
        out.icc = Some(
            icc_chunks
                .iter()
                .flat_map(|(_, d)| d.iter().copied())
                .collect(),
        );
    }
    out
}

/// Strips an `Exif\0\0` prefix some WebP writers leave in the EXIF chunk.
pub fn tiff_payload(exif: Vec<u8>) -> Vec<u8> {
    match exif.strip_prefix(EXIF_PREFIX) {
        Some(rest) => rest.to_vec(),
        None => exif,
    }
}

/// What the EXIF says that matters here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExifInfo {
    /// The orientation tag (1–8) when present and valid.
    pub orientation: Option<u8>,
    /// Where the orientation value's two bytes are in the TIFF data.
    orientation_at: Option<usize>,
    big_endian: bool,
    /// The GPS IFD holds a latitude or a longitude.
    pub has_location: bool,
}

struct Tiff<'a> {
    data: &'a [u8],
    big_endian: bool,
}

impl Tiff<'_> {
    fn u16_at(&self, at: usize) -> Option<u16> {
        let b = self.data.get(at..at.checked_add(2)?)?;
        Some(if self.big_endian {
            u16::from_be_bytes([b[0], b[1]])
        } else {
            u16::from_le_bytes([b[0], b[1]])
        })
    }

    fn u32_at(&self, at: usize) -> Option<u32> {
        let b = self.data.get(at..at.checked_add(4)?)?;
        Some(if self.big_endian {
            u32::from_be_bytes([b[0], b[1], b[2], b[3]])
        } else {
            u32::from_le_bytes([b[0], b[1], b[2], b[3]])
        })
    }

    /// The entries of the IFD at `offset`: (tag, type, entry position). At most 1,000 entries.
    fn entries(&self, offset: usize) -> Vec<(u16, u16, usize)> {
        let Some(count) = self.u16_at(offset) else {
            return Vec::new();
        };
        (0..usize::from(count.min(1000)))
            .filter_map(|n| {
                let at = offset + 2 + n * 12;
                Some((self.u16_at(at)?, self.u16_at(at + 2)?, at))
            })
            .collect()
    }
}

/// Reads orientation and location from EXIF (TIFF) data. Damaged EXIF yields what could be read.
pub fn parse_exif(tiff: &[u8]) -> ExifInfo {
    let big_endian = match tiff.get(0..2) {
        Some(b"MM") => true,
        Some(b"II") => false,
        _ => return ExifInfo::default(),
    };
    let t = Tiff {
        data: tiff,
        big_endian,
    };
    let mut info = ExifInfo {
        big_endian,
        ..ExifInfo::default()
    };
    let Some(ifd0) = t.u32_at(4) else {
        return info;
    };
    for (tag, typ, at) in t.entries(ifd0 as usize) {
        match (tag, typ) {
            // Orientation, SHORT: the value sits in the first two bytes of the value field.
            (0x0112, 3) => {
                if let Some(v) = t.u16_at(at + 8)
                    && (1..=8).contains(&v)
                {
                    info.orientation = u8::try_from(v).ok();
                    info.orientation_at = Some(at + 8);
                }
            }
            // GPS IFD pointer, LONG (4) or IFD (13).
            (0x8825, 4 | 13) => {
                if let Some(gps) = t.u32_at(at + 8) {
                    info.has_location = t
                        .entries(gps as usize)
                        .iter()
                        .any(|(tag, _, _)| matches!(tag, 0x0002 | 0x0004));
                }
            }
            _ => {}
        }
    }
    info
}

/// The text fields of the EXIF the media library shows: when and with what the photo was taken.
/// Values are as written, trimmed of NULs and spaces; empty ones are `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExifText {
    /// `Make` (IFD0).
    pub make: Option<String>,
    /// `Model` (IFD0).
    pub model: Option<String>,
    /// `DateTimeOriginal` (Exif IFD), else `DateTime` (IFD0): `YYYY:MM:DD HH:MM:SS`.
    pub taken_at: Option<String>,
}

/// ASCII values longer than this are not a camera name or a date: ignored.
const MAX_TEXT: usize = 256;

impl Tiff<'_> {
    /// The ASCII value of the entry at `at` (type 2), inline or at its offset.
    fn ascii_at(&self, at: usize) -> Option<String> {
        let count = self.u32_at(at + 4)? as usize;
        if count == 0 || count > MAX_TEXT {
            return None;
        }
        let start = if count <= 4 {
            at + 8
        } else {
            self.u32_at(at + 8)? as usize
        };
        let raw = self.data.get(start..start.checked_add(count)?)?;
        let s = String::from_utf8_lossy(raw);
        let s = s.trim_matches(|c: char| c == '\0' || c.is_whitespace());
        (!s.is_empty()).then(|| s.to_owned())
    }
}

/// Reads make, model and date taken from EXIF (TIFF) data. Damaged EXIF yields what could be
/// read.
pub fn exif_text(tiff: &[u8]) -> ExifText {
    let big_endian = match tiff.get(0..2) {
        Some(b"MM") => true,
        Some(b"II") => false,
        _ => return ExifText::default(),
    };
    let t = Tiff {
        data: tiff,
        big_endian,
    };
    let mut out = ExifText::default();
    let Some(ifd0) = t.u32_at(4) else {
        return out;
    };
    let mut date_time = None;
    for (tag, typ, at) in t.entries(ifd0 as usize) {
        match (tag, typ) {
            (0x010F, 2) => out.make = t.ascii_at(at),
            (0x0110, 2) => out.model = t.ascii_at(at),
            (0x0132, 2) => date_time = t.ascii_at(at),
            // Exif IFD pointer: DateTimeOriginal lives there.
            (0x8769, 4 | 13) => {
                if let Some(exif_ifd) = t.u32_at(at + 8) {
                    out.taken_at = t
                        .entries(exif_ifd as usize)
                        .into_iter()
                        .find(|(tag, typ, _)| *tag == 0x9003 && *typ == 2)
                        .and_then(|(_, _, at)| t.ascii_at(at));
                }
            }
            _ => {}
        }
    }
    if out.taken_at.is_none() {
        out.taken_at = date_time;
    }
    out
}

/// A copy of the EXIF with the orientation set to 1 (the pixels have been turned upright).
pub fn exif_upright(tiff: &[u8]) -> Vec<u8> {
    let mut out = tiff.to_vec();
    let info = parse_exif(tiff);
    if let Some(at) = info.orientation_at {
        let one = if info.big_endian {
            1u16.to_be_bytes()
        } else {
            1u16.to_le_bytes()
        };
        if let Some(slot) = out.get_mut(at..at + 2) {
            slot.copy_from_slice(&one);
        }
    }
    out
}

/// Inserts APP1 (EXIF) and APP2 (ICC) segments into a freshly encoded JPEG, after its SOI and
/// JFIF APP0. EXIF over 64 KB (a huge maker note) is left out rather than written damaged.
pub fn jpeg_with_segments(jpeg: Vec<u8>, exif: Option<&[u8]>, icc: Option<&[u8]>) -> Vec<u8> {
    let mut segs = Vec::new();
    if let Some(exif) = exif {
        let len = 2 + EXIF_PREFIX.len() + exif.len();
        if let Ok(len) = u16::try_from(len) {
            segs.extend_from_slice(&[0xFF, 0xE1]);
            segs.extend_from_slice(&len.to_be_bytes());
            segs.extend_from_slice(EXIF_PREFIX);
            segs.extend_from_slice(exif);
        }
    }
    if let Some(icc) = icc {
        let chunks: Vec<&[u8]> = icc.chunks(ICC_CHUNK).collect();
        if let Ok(count) = u8::try_from(chunks.len()) {
            for (n, chunk) in chunks.iter().enumerate() {
                let len = 2 + ICC_PREFIX.len() + 2 + chunk.len();
                segs.extend_from_slice(&[0xFF, 0xE2]);
                segs.extend_from_slice(&u16::try_from(len).unwrap_or(u16::MAX).to_be_bytes());
                segs.extend_from_slice(ICC_PREFIX);
                segs.push(u8::try_from(n + 1).unwrap_or(u8::MAX));
                segs.push(count);
                segs.extend_from_slice(chunk);
            }
        }
    }
    if segs.is_empty() {
        return jpeg;
    }
    // After SOI, and after the encoder's JFIF APP0 when there is one.
    let mut at = 2;
    if jpeg.get(2..4) == Some(&[0xFF, 0xE0])
        && let Some(len) = jpeg.get(4..6)
    {
        at = 4 + usize::from(u16::from_be_bytes([len[0], len[1]]));
    }
    let at = at.min(jpeg.len());
    let mut out = Vec::with_capacity(jpeg.len() + segs.len());
    out.extend_from_slice(&jpeg[..at]);
    out.extend_from_slice(&segs);
    out.extend_from_slice(&jpeg[at..]);
    out
}

/// Whether a JPEG carries an APP1 segment with EXIF or XMP before its first scan. Used by tests
/// and by callers that want to check an output.
pub fn jpeg_has_exif_or_xmp(bytes: &[u8]) -> bool {
    let mut i = 2;
    while i + 4 <= bytes.len() && bytes[i] == 0xFF {
        let marker = bytes[i + 1];
        if marker == 0xDA || marker == 0xD9 {
            break;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        if marker == 0xE1 {
            let payload = &bytes[(i + 4).min(bytes.len())..(i + 2 + len).min(bytes.len())];
            if payload.starts_with(EXIF_PREFIX) || payload.starts_with(b"http://ns.adobe.com/") {
                return true;
            }
        }
        i += 2 + len;
    }
    false
}

#[cfg(test)]
mod tests {
    /// A little-endian TIFF: IFD0 with Make, Model and an Exif IFD holding DateTimeOriginal.
    fn tiff_with_text() -> Vec<u8> {
        let mut t = b"II*\0".to_vec();
        t.extend(8u32.to_le_bytes());
        // IFD0 at 8: 3 entries (2 + 3 × 12 + 4 = 42 bytes), data after it at 50.
        let entry = |tag: u16, typ: u16, count: u32, value: u32| {
            let mut e = tag.to_le_bytes().to_vec();
            e.extend(typ.to_le_bytes());
            e.extend(count.to_le_bytes());
            e.extend(value.to_le_bytes());
            e
        };
        t.extend(3u16.to_le_bytes());
        t.extend(entry(0x010F, 2, 6, 50)); // Make "Canon\0" at 50
        t.extend(entry(0x0110, 2, 4, u32::from_le_bytes(*b"EOS\0")));
        t.extend(entry(0x8769, 4, 1, 56)); // Exif IFD at 56
        t.extend(0u32.to_le_bytes());
        t.extend(b"Canon\0");
        t.extend(1u16.to_le_bytes());
        t.extend(entry(0x9003, 2, 20, 74)); // DateTimeOriginal at 74
        t.extend(0u32.to_le_bytes());
        t.extend(b"2025:07:29 08:15:00\0");
        t
    }

    #[test]
    fn exif_text_reads_camera_and_date() {
        let text = exif_text(&tiff_with_text());
        assert_eq!(text.make.as_deref(), Some("Canon"));
        assert_eq!(text.model.as_deref(), Some("EOS"));
        assert_eq!(text.taken_at.as_deref(), Some("2025:07:29 08:15:00"));
        // Damaged: cut short, nothing panics and what is there is read.
        let cut = &tiff_with_text()[..60];
        assert_eq!(exif_text(cut).make.as_deref(), Some("Canon"));
        assert_eq!(exif_text(b"junk"), ExifText::default());
    }

    use super::*;

    fn tiff_with(orientation: u16, gps: bool) -> Vec<u8> {
        // II, 42, IFD0 at 8: one or two entries.
        let n: u16 = if gps { 2 } else { 1 };
        let mut t = b"II*\0\x08\0\0\0".to_vec();
        t.extend_from_slice(&n.to_le_bytes());
        t.extend_from_slice(&0x0112u16.to_le_bytes());
        t.extend_from_slice(&3u16.to_le_bytes());
        t.extend_from_slice(&1u32.to_le_bytes());
        t.extend_from_slice(&orientation.to_le_bytes());
        t.extend_from_slice(&[0, 0]);
        if gps {
            let gps_at = 8 + 2 + 24 + 4;
            t.extend_from_slice(&0x8825u16.to_le_bytes());
            t.extend_from_slice(&4u16.to_le_bytes());
            t.extend_from_slice(&1u32.to_le_bytes());
            t.extend_from_slice(&(gps_at as u32).to_le_bytes());
        }
        t.extend_from_slice(&0u32.to_le_bytes());
        if gps {
            t.extend_from_slice(&1u16.to_le_bytes());
            t.extend_from_slice(&0x0002u16.to_le_bytes());
            t.extend_from_slice(&5u16.to_le_bytes());
            t.extend_from_slice(&3u32.to_le_bytes());
            t.extend_from_slice(&0u32.to_le_bytes());
        }
        t
    }

    #[test]
    fn reads_orientation_and_location() {
        let info = parse_exif(&tiff_with(6, true));
        assert_eq!(info.orientation, Some(6));
        assert!(info.has_location);
        assert!(!parse_exif(&tiff_with(3, false)).has_location);
    }

    #[test]
    fn resets_orientation() {
        let info = parse_exif(&exif_upright(&tiff_with(8, false)));
        assert_eq!(info.orientation, Some(1));
    }

    #[test]
    fn survives_garbage() {
        for len in 0..64 {
            let junk: Vec<u8> = (0..len).map(|i| (i * 37 % 251) as u8).collect();
            let _ = parse_exif(&junk);
            let mut mm = b"MM\0*\xff\xff\xff\xff".to_vec();
            mm.extend_from_slice(&junk);
            let _ = parse_exif(&mm);
            let mut jpeg = vec![0xFF, 0xD8];
            jpeg.extend_from_slice(&junk);
            let _ = jpeg_segments(&jpeg);
            let _ = jpeg_has_exif_or_xmp(&jpeg);
        }
    }

    #[test]
    fn tells_heic_and_avif_apart() {
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0";
        assert_eq!(
            sniff(heic),
            Err(DecodeError::Unsupported {
                format: "HEIC".into()
            })
        );
        let avif = b"\0\0\0\x18ftypavif\0\0\0\0";
        assert!(matches!(sniff(avif), Err(DecodeError::Unsupported { .. })));
        assert_eq!(sniff(b"hello world!"), Err(DecodeError::NotAnImage));
    }
}

//! A photo given to a template reaches the PDF without its metadata: the JPEG embedded in the
//! PDF carries no EXIF (GPS), XMP, IPTC or comment segment, and none of the photo's secrets
//! appear anywhere in the file.

mod common;

use std::io::Cursor;

use common::{fixture, raw};
use loa_render::{Format, IsolatedRenderer, Limits, WorkerCommand};
use loa_templates::{Lang, Size};
use serde_json::json;

const GPS_SECRET: &[u8] = b"LOA-SECRET-GPS-21.0285N";
const COMMENT_SECRET: &[u8] = b"LOA-SECRET-COMMENT";
const XMP_SECRET: &[u8] = b"LOA-SECRET-XMP";

/// A TIFF (little-endian) with one IFD0 entry pointing at a GPS IFD whose latitude reference
/// is an ASCII string holding [`GPS_SECRET`].
fn exif_with_gps() -> Vec<u8> {
    let mut t = Vec::new();
    t.extend_from_slice(b"II*\0");
    t.extend_from_slice(&8u32.to_le_bytes());
    // IFD0 at 8: one entry, GPSInfo (0x8825) LONG 1 → offset 26.
    t.extend_from_slice(&1u16.to_le_bytes());
    t.extend_from_slice(&0x8825u16.to_le_bytes());
    t.extend_from_slice(&4u16.to_le_bytes());
    t.extend_from_slice(&1u32.to_le_bytes());
    t.extend_from_slice(&26u32.to_le_bytes());
    t.extend_from_slice(&0u32.to_le_bytes());
    // GPS IFD at 26: one entry, tag 1 ASCII, count, offset 44.
    t.extend_from_slice(&1u16.to_le_bytes());
    t.extend_from_slice(&1u16.to_le_bytes());
    t.extend_from_slice(&2u16.to_le_bytes());
    t.extend_from_slice(&(GPS_SECRET.len() as u32 + 1).to_le_bytes());
    t.extend_from_slice(&44u32.to_le_bytes());
    t.extend_from_slice(&0u32.to_le_bytes());
    t.extend_from_slice(GPS_SECRET);
    t.push(0);
    t
}

fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut s = vec![0xFF, marker];
    s.extend_from_slice(
        &u16::try_from(payload.len() + 2)
            .expect("short")
            .to_be_bytes(),
    );
    s.extend_from_slice(payload);
    s
}

/// A phone-like JPEG: pixels, then EXIF with GPS, XMP and a comment spliced in after SOI.
fn photo_with_metadata() -> Vec<u8> {
    let img = image::RgbImage::from_fn(320, 240, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 120])
    });
    let mut jpeg = Vec::new();
    img.write_to(&mut Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
        .expect("encode");
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend_from_slice(&exif_with_gps());
    let mut xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>".to_vec();
    xmp.extend_from_slice(XMP_SECRET);
    let mut out = jpeg[..2].to_vec();
    out.extend(segment(0xE1, &exif));
    out.extend(segment(0xE1, &xmp));
    out.extend(segment(0xFE, COMMENT_SECRET));
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// The markers of a JPEG's header, up to its first scan.
fn markers(jpeg: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 2;
    while i + 4 <= jpeg.len() && jpeg[i] == 0xFF {
        let m = jpeg[i + 1];
        out.push(m);
        if m == 0xDA {
            break;
        }
        i += 2 + usize::from(u16::from_be_bytes([jpeg[i + 2], jpeg[i + 3]]));
    }
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Every JPEG embedded in a PDF: each SOI marker whose header walks to a scan through a
/// quantisation table (three bytes FF D8 FF can also occur by chance in compressed streams).
fn embedded_jpegs(pdf: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 < pdf.len() {
        if pdf[i] == 0xFF && pdf[i + 1] == 0xD8 && pdf[i + 2] == 0xFF {
            let m = markers(&pdf[i..]);
            if m.contains(&0xDB) && m.last() == Some(&0xDA) {
                out.push(&pdf[i..]);
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

#[test]
fn the_pdf_carries_the_photo_without_its_metadata() {
    let photo = photo_with_metadata();
    // The test photo really carries what must go.
    let m = markers(&photo);
    assert!(m.contains(&0xE1) && m.contains(&0xFE), "{m:x?}");
    assert!(contains(&photo, GPS_SECRET) && contains(&photo, COMMENT_SECRET));

    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("phone.jpg"), &photo).expect("write");
    let renderer = IsolatedRenderer::new(
        WorkerCommand::new(env!("CARGO_BIN_EXE_loa-render-worker")),
        Limits::default(),
    );
    let data =
        raw(json!({"title": "Ảnh hiện trường", "photo": "phone.jpg"})).with_base_dir(dir.path());
    let pdf = renderer
        .render(&fixture(), "notice", &data, Lang::Vi, Size::A4, Format::Pdf)
        .expect("renders")
        .bytes;
    let jpegs = embedded_jpegs(&pdf);
    assert_eq!(jpegs.len(), 1, "the photo is embedded as a JPEG");
    let m = markers(jpegs[0]);
    for bad in [0xE1, 0xED, 0xFE] {
        assert!(!m.contains(&bad), "segment {bad:#x} left in {m:x?}");
    }
    for secret in [GPS_SECRET, COMMENT_SECRET, XMP_SECRET] {
        assert!(
            !contains(&pdf, secret),
            "{}",
            String::from_utf8_lossy(secret)
        );
    }
    // The PNG path never carried metadata; it still draws the photo.
    let png = renderer
        .render(
            &fixture(),
            "notice",
            &data,
            Lang::Vi,
            Size::Portrait,
            Format::Png,
        )
        .expect("renders");
    assert!(!contains(&png.bytes, GPS_SECRET));
}

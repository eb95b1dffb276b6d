//! Helpers shared by the renderer's tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use loa_render::Renderer;
use loa_templates::{FileMap, Pack, RawData};

pub fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pack")
}

pub fn builtin_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../assets/templates")
}

/// The renderer's own small test pack.
pub fn fixture() -> Pack {
    Pack::from_dir(&fixture_dir()).expect("the fixture pack is valid")
}

/// The fixture pack with `notice/layout.typ` replaced.
pub fn fixture_with_layout(layout: &str) -> Pack {
    let mut files: FileMap = fixture().into_files();
    files.insert("notice/layout.typ".into(), layout.as_bytes().to_vec());
    Pack::from_files(files).expect("valid pack")
}

pub fn raw(v: serde_json::Value) -> RawData {
    RawData::new(v).expect("an object")
}

/// One renderer for a test binary: the first render warms it, the others are fast.
pub static RENDERER: LazyLock<Renderer> = LazyLock::new(Renderer::new);

/// A decoded PNG as RGB(A) rows.
pub struct Image {
    pub width: u32,
    pub height: u32,
    /// Bytes per pixel (3 or 4).
    pub channels: usize,
    pub pixels: Vec<u8>,
}

impl Image {
    pub fn decode(bytes: &[u8]) -> Image {
        let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
            .read_info()
            .expect("a PNG");
        let mut buf = vec![0; reader.output_buffer_size().expect("size")];
        let info = reader.next_frame(&mut buf).expect("a frame");
        buf.truncate(info.buffer_size());
        let channels = match info.color_type {
            png::ColorType::Rgb => 3,
            png::ColorType::Rgba => 4,
            other => panic!("unexpected colour type {other:?}"),
        };
        Image {
            width: info.width,
            height: info.height,
            channels,
            pixels: buf,
        }
    }

    pub fn rgb(&self, x: u32, y: u32) -> [u8; 3] {
        let i = (y as usize * self.width as usize + x as usize) * self.channels;
        [self.pixels[i], self.pixels[i + 1], self.pixels[i + 2]]
    }

    /// How many pixels differ from white by more than a little.
    pub fn ink(&self, x0: u32, y0: u32, x1: u32, y1: u32) -> usize {
        let mut n = 0;
        for y in y0..y1 {
            for x in x0..x1 {
                if self.rgb(x, y).iter().any(|c| *c < 235) {
                    n += 1;
                }
            }
        }
        n
    }

    /// Ink within `frac` of the width/height from any edge.
    pub fn ink_on_border(&self, frac: f64) -> usize {
        let bx = ((self.width as f64) * frac).ceil() as u32;
        let by = ((self.height as f64) * frac).ceil() as u32;
        let (w, h) = (self.width, self.height);
        self.ink(0, 0, w, by)
            + self.ink(0, h - by, w, h)
            + self.ink(0, by, bx, h - by)
            + self.ink(w - bx, by, w, h - by)
    }
}

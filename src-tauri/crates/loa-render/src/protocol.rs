//! The conversation between Loa and its render worker, over the worker's stdin and stdout.
//!
//! A frame is a JSON header followed by binary blobs (pack files, photos, the PNG or PDF), so
//! bytes travel as bytes:
//!
//! ```text
//! frame  = header_len:u32be  header:JSON  blob_count:u32be  { blob_len:u64be  blob }*
//! ```
//!
//! Every length is checked against [`Caps`] before anything is allocated: a confused or
//! hostile peer gets an error, never a 4 GB buffer. The parent speaks first after the worker's
//! [`FromWorker::Ready`]; each [`ToWorker::Render`] gets exactly one answer, or
//! [`FromWorker::NeedPack`] first when the worker does not hold the pack (its cache is keyed by
//! [`loa_templates::Pack::hash`], so unchanged packs cross once per worker).

use std::io::{self, Read, Write};

use loa_templates::Size;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::{Format, PngCompression, RenderError};

/// Raised when the frame layout or the messages change: a worker from another build of Loa
/// is refused at the handshake.
pub const PROTOCOL_VERSION: u32 = 1;

/// Size caps of a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caps {
    pub header: u32,
    pub blobs: u32,
    pub blob: u64,
    pub total: u64,
}

const MIB: u64 = 1024 * 1024;

impl Caps {
    /// A render request: a pack (at most `Cap::PackUnpacked` in `PACK_MAX_FILES` files) and
    /// a form's photos.
    pub const REQUEST: Caps = Caps {
        header: 16 * MIB as u32,
        blobs: loa_files::limits::PACK_MAX_FILES as u32 + 64,
        blob: 64 * MIB,
        total: 256 * MIB,
    };
    /// An answer: one PNG or PDF.
    pub const ANSWER: Caps = Caps {
        header: 4 * MIB as u32,
        blobs: 1,
        blob: 256 * MIB,
        total: 256 * MIB,
    };
}

/// A frame that broke its caps or its layout.
#[derive(Debug)]
pub enum FrameError {
    Io(io::Error),
    TooLarge(&'static str),
    BadHeader(String),
}

impl std::fmt::Display for FrameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FrameError::Io(e) => write!(f, "i/o: {e}"),
            FrameError::TooLarge(what) => write!(f, "{what} over its cap"),
            FrameError::BadHeader(e) => write!(f, "bad header: {e}"),
        }
    }
}

impl From<io::Error> for FrameError {
    fn from(e: io::Error) -> Self {
        FrameError::Io(e)
    }
}

/// Writes one frame and flushes it.
pub fn write_frame<W: Write, H: Serialize>(
    w: &mut W,
    header: &H,
    blobs: &[&[u8]],
) -> io::Result<()> {
    let json = serde_json::to_vec(header).map_err(io::Error::other)?;
    let len = u32::try_from(json.len()).map_err(io::Error::other)?;
    w.write_all(&len.to_be_bytes())?;
    w.write_all(&json)?;
    let count = u32::try_from(blobs.len()).map_err(io::Error::other)?;
    w.write_all(&count.to_be_bytes())?;
    for blob in blobs {
        w.write_all(&(blob.len() as u64).to_be_bytes())?;
        w.write_all(blob)?;
    }
    w.flush()
}

/// A frame as read: its header and its blobs.
pub type Frame<H> = (H, Vec<Vec<u8>>);

/// Reads one frame. `Ok(None)` when the stream ends cleanly before a frame starts (the peer
/// closed the pipe).
pub fn read_frame<R: Read, H: DeserializeOwned>(
    r: &mut R,
    caps: Caps,
) -> Result<Option<Frame<H>>, FrameError> {
    let mut len = [0u8; 4];
    match r.read(&mut len[..1])? {
        0 => return Ok(None),
        _ => r.read_exact(&mut len[1..])?,
    }
    let len = u32::from_be_bytes(len);
    if len > caps.header {
        return Err(FrameError::TooLarge("header"));
    }
    let mut json = vec![0u8; len as usize];
    r.read_exact(&mut json)?;
    let header: H =
        serde_json::from_slice(&json).map_err(|e| FrameError::BadHeader(e.to_string()))?;
    let mut count = [0u8; 4];
    r.read_exact(&mut count)?;
    let count = u32::from_be_bytes(count);
    if count > caps.blobs {
        return Err(FrameError::TooLarge("blob count"));
    }
    let mut total = u64::from(len);
    let mut blobs = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let mut blen = [0u8; 8];
        r.read_exact(&mut blen)?;
        let blen = u64::from_be_bytes(blen);
        total = total.saturating_add(blen);
        if blen > caps.blob || total > caps.total {
            return Err(FrameError::TooLarge("blob"));
        }
        let mut blob = vec![0u8; blen as usize];
        r.read_exact(&mut blob)?;
        blobs.push(blob);
    }
    Ok(Some((header, blobs)))
}

/// What the parent asks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ToWorker {
    /// Draw one prepared render. Blobs: the pack's files when `pack_files` is given (in that
    /// order), then one per input.
    Render {
        pack_hash: String,
        pack_files: Option<Vec<String>>,
        template: String,
        data_json: String,
        inputs: Vec<String>,
        size: Size,
        format: Format,
        pixel_per_pt: f32,
        png_compression: PngCompression,
    },
}

/// What the worker answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FromWorker {
    /// The first frame of a worker: it runs, with its limits in place.
    Ready { protocol: u32 },
    /// The request named a pack the worker does not hold: send it again with the files.
    NeedPack,
    /// The render; one blob, the PNG or PDF.
    Done {
        width: u32,
        height: u32,
        warnings: Vec<String>,
        compile_us: u64,
        draw_us: u64,
        encode_us: u64,
    },
    /// The render failed with an error the worker survived (or a panic, after which it exits).
    Failed { error: WireError },
}

/// The errors a worker reports, as they cross the pipe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum WireError {
    Typst {
        message: String,
        file: Option<String>,
        line: Option<usize>,
    },
    TooManyPages {
        pages: usize,
    },
    PageTooLarge {
        width: u32,
        height: u32,
        size: String,
    },
    Encode {
        detail: String,
    },
    Photo {
        key: String,
    },
    /// Typst or the rasteriser panicked; the worker exits after this answer.
    Panicked {
        detail: String,
    },
    /// The request made no sense to the worker (a bug on one side).
    Invalid {
        detail: String,
    },
}

impl WireError {
    /// An error of [`crate::Renderer::draw`] for the pipe. Errors that only the parent
    /// produces cannot occur there; they travel as [`WireError::Invalid`].
    pub fn from_render(e: &RenderError) -> WireError {
        match e {
            RenderError::Typst {
                message,
                file,
                line,
            } => WireError::Typst {
                message: message.clone(),
                file: file.clone(),
                line: *line,
            },
            RenderError::TooManyPages { pages } => WireError::TooManyPages { pages: *pages },
            RenderError::PageTooLarge {
                width,
                height,
                size,
            } => WireError::PageTooLarge {
                width: *width,
                height: *height,
                size: size.clone(),
            },
            RenderError::Encode { detail } => WireError::Encode {
                detail: detail.clone(),
            },
            RenderError::Photo { key } => WireError::Photo { key: key.clone() },
            other => WireError::Invalid {
                detail: other.to_string(),
            },
        }
    }

    pub fn into_render(self) -> RenderError {
        match self {
            WireError::Typst {
                message,
                file,
                line,
            } => RenderError::Typst {
                message,
                file,
                line,
            },
            WireError::TooManyPages { pages } => RenderError::TooManyPages { pages },
            WireError::PageTooLarge {
                width,
                height,
                size,
            } => RenderError::PageTooLarge {
                width,
                height,
                size,
            },
            WireError::Encode { detail } => RenderError::Encode { detail },
            WireError::Photo { key } => RenderError::Photo { key },
            WireError::Panicked { detail } => RenderError::Crashed { detail },
            WireError::Invalid { detail } => RenderError::WorkerUnavailable { detail },
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn any_bytes_read_as_a_frame_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
            let _ = read_frame::<_, ToWorker>(&mut bytes.as_slice(), Caps::REQUEST);
            let _ = read_frame::<_, FromWorker>(&mut bytes.as_slice(), Caps::ANSWER);
        }

        #[test]
        fn a_valid_header_with_a_broken_tail_never_panics(cut in 0usize..64, junk in prop::collection::vec(any::<u8>(), 0..16)) {
            let mut buf = Vec::new();
            let msg = FromWorker::Done { width: 1, height: 2, warnings: vec!["w".into()], compile_us: 3, draw_us: 4, encode_us: 5 };
            write_frame(&mut buf, &msg, &[b"png"]).expect("write");
            buf.truncate(buf.len().saturating_sub(cut));
            buf.extend_from_slice(&junk);
            let _ = read_frame::<_, FromWorker>(&mut buf.as_slice(), Caps::ANSWER);
        }
    }

    #[test]
    fn frames_round_trip() {
        let mut buf = Vec::new();
        let msg = FromWorker::Ready {
            protocol: PROTOCOL_VERSION,
        };
        write_frame(&mut buf, &msg, &[b"abc", b""]).expect("write");
        let (back, blobs): (FromWorker, _) = read_frame(&mut buf.as_slice(), Caps::REQUEST)
            .expect("read")
            .expect("a frame");
        assert_eq!(back, msg);
        assert_eq!(blobs, [b"abc".to_vec(), Vec::new()]);
        // An answer carries one blob at most.
        assert!(matches!(
            read_frame::<_, FromWorker>(&mut buf.as_slice(), Caps::ANSWER),
            Err(FrameError::TooLarge("blob count"))
        ));
        assert!(matches!(
            read_frame::<_, FromWorker>(&mut &buf[..0], Caps::ANSWER),
            Ok(None)
        ));
    }

    #[test]
    fn oversized_lengths_are_refused_before_allocating() {
        let mut buf = Vec::new();
        buf.extend_from_slice(&u32::MAX.to_be_bytes());
        assert!(matches!(
            read_frame::<_, FromWorker>(&mut buf.as_slice(), Caps::ANSWER),
            Err(FrameError::TooLarge("header"))
        ));
        let mut buf = Vec::new();
        write_frame(&mut buf, &FromWorker::NeedPack, &[]).expect("write");
        // Claim one blob of 2^63 bytes.
        let n = buf.len();
        buf[n - 4..].copy_from_slice(&1u32.to_be_bytes());
        buf.extend_from_slice(&(1u64 << 63).to_be_bytes());
        assert!(matches!(
            read_frame::<_, FromWorker>(&mut buf.as_slice(), Caps::ANSWER),
            Err(FrameError::TooLarge("blob"))
        ));
        // A cut frame is an I/O error, not a hang or a panic.
        let mut buf = Vec::new();
        write_frame(&mut buf, &FromWorker::NeedPack, &[b"abcdef"]).expect("write");
        buf.truncate(buf.len() - 3);
        assert!(matches!(
            read_frame::<_, FromWorker>(&mut buf.as_slice(), Caps::ANSWER),
            Err(FrameError::Io(_))
        ));
    }
}

//! One small error enum per operation. Each error has a stable `code()` that front ends turn into a
//! Fluent message id (`media-error-<code>` with `-` for `_`) and `args()` for that message.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

/// Why a photo could not be read into pixels.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum DecodeError {
    /// A real image format that the pipeline does not decode (HEIC, AVIF, GIF, TIFF, BMP…).
    #[error(
        "{format} photos are not supported: set the phone camera to JPEG (\"Most Compatible\"), \
         or export the photo as JPEG, then try again"
    )]
    Unsupported { format: String },
    /// The bytes are not an image at all (or are cut off before the format can be told).
    #[error("this file is not a JPEG, PNG or WebP image")]
    NotAnImage,
    /// The header declares more pixels than allowed; nothing was allocated for them.
    #[error(
        "the image declares {width}×{height} pixels, over the limit of {limit} pixels: \
         it is damaged or not a photo"
    )]
    TooLarge { width: u32, height: u32, limit: u64 },
    /// The image data is damaged.
    #[error("the image is damaged and cannot be read: {detail}")]
    Corrupt { detail: String },
}

/// Why a watermark could not be prepared.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum WatermarkError {
    /// The logo is not a readable PNG.
    #[error("the logo must be a PNG image: {detail}")]
    LogoUnreadable { detail: String },
    /// The logo is larger than any photo needs (over 4096 px on a side).
    #[error("the logo is {width}×{height} px; use a logo at most 4096 px on each side")]
    LogoTooLarge { width: u32, height: u32 },
    /// The watermark text is empty or only spaces.
    #[error("the watermark text is empty")]
    EmptyText,
}

/// Why pixels could not be written as an image file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum EncodeError {
    #[error("could not encode the JPEG: {detail}")]
    Jpeg { detail: String },
    #[error("could not encode the PNG: {detail}")]
    Png { detail: String },
}

/// Why one file of a batch failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ProcessError {
    #[error("cannot read {path}: {detail}")]
    Read { path: PathBuf, detail: String },
    #[error(transparent)]
    Decode(DecodeError),
    #[error(transparent)]
    Encode(EncodeError),
    #[error("cannot write {path}: {detail}")]
    Write { path: PathBuf, detail: String },
    /// The output would replace the input file itself.
    #[error("{path} is the original photo; choose another output folder")]
    WouldOverwrite { path: PathBuf },
    /// The batch was cancelled before this file was started.
    #[error("cancelled")]
    Cancelled,
}

impl From<DecodeError> for ProcessError {
    fn from(e: DecodeError) -> Self {
        ProcessError::Decode(e)
    }
}

impl From<EncodeError> for ProcessError {
    fn from(e: EncodeError) -> Self {
        ProcessError::Encode(e)
    }
}

fn args(pairs: &[(&str, String)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect()
}

impl DecodeError {
    pub fn code(&self) -> &'static str {
        match self {
            DecodeError::Unsupported { .. } => "unsupported_format",
            DecodeError::NotAnImage => "not_an_image",
            DecodeError::TooLarge { .. } => "too_large",
            DecodeError::Corrupt { .. } => "corrupt",
        }
    }

    pub fn args(&self) -> BTreeMap<String, String> {
        match self {
            DecodeError::Unsupported { format } => args(&[("format", format.clone())]),
            DecodeError::NotAnImage => BTreeMap::new(),
            DecodeError::TooLarge {
                width,
                height,
                limit,
            } => args(&[
                ("width", width.to_string()),
                ("height", height.to_string()),
                ("megapixels", (limit / 1_000_000).to_string()),
            ]),
            DecodeError::Corrupt { detail } => args(&[("detail", detail.clone())]),
        }
    }
}

impl WatermarkError {
    pub fn code(&self) -> &'static str {
        match self {
            WatermarkError::LogoUnreadable { .. } => "logo_unreadable",
            WatermarkError::LogoTooLarge { .. } => "logo_too_large",
            WatermarkError::EmptyText => "empty_text",
        }
    }

    pub fn args(&self) -> BTreeMap<String, String> {
        match self {
            WatermarkError::LogoUnreadable { detail } => args(&[("detail", detail.clone())]),
            WatermarkError::LogoTooLarge { width, height } => {
                args(&[("width", width.to_string()), ("height", height.to_string())])
            }
            WatermarkError::EmptyText => BTreeMap::new(),
        }
    }

    /// The Fluent message id for this error.
    pub fn message_id(&self) -> String {
        format!("media-error-{}", self.code().replace('_', "-"))
    }
}

impl EncodeError {
    pub fn code(&self) -> &'static str {
        "encode_failed"
    }

    pub fn args(&self) -> BTreeMap<String, String> {
        match self {
            EncodeError::Jpeg { detail } | EncodeError::Png { detail } => {
                args(&[("detail", detail.clone())])
            }
        }
    }
}

impl ProcessError {
    /// A stable code, e.g. `unsupported_format`; the Fluent id is `media-error-unsupported-format`.
    pub fn code(&self) -> &'static str {
        match self {
            ProcessError::Read { .. } => "read_failed",
            ProcessError::Decode(e) => e.code(),
            ProcessError::Encode(e) => e.code(),
            ProcessError::Write { .. } => "write_failed",
            ProcessError::WouldOverwrite { .. } => "would_overwrite",
            ProcessError::Cancelled => "cancelled",
        }
    }

    /// The Fluent message id for this error.
    pub fn message_id(&self) -> String {
        format!("media-error-{}", self.code().replace('_', "-"))
    }

    /// Arguments of the message.
    pub fn args(&self) -> BTreeMap<String, String> {
        match self {
            ProcessError::Read { path, detail } | ProcessError::Write { path, detail } => args(&[
                ("path", path.display().to_string()),
                ("detail", detail.clone()),
            ]),
            ProcessError::WouldOverwrite { path } => args(&[("path", path.display().to_string())]),
            ProcessError::Decode(e) => e.args(),
            ProcessError::Encode(e) => e.args(),
            ProcessError::Cancelled => BTreeMap::new(),
        }
    }

    /// Whether trying the same file again can succeed (a disk or permission problem), as opposed
    /// to a file that will fail the same way every time.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            ProcessError::Read { .. } | ProcessError::Write { .. } | ProcessError::Cancelled
        )
    }
}

//! Every error the engine can return, and every preset, has a message in both languages of
//! locales/*/video.ftl, using every argument the error gives.

use std::path::PathBuf;

use loa_video::{Preset, Tool, VideoError};

fn ftl(lang: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../../../locales/{lang}/video.ftl"));
    std::fs::read_to_string(p).expect("video.ftl exists")
}

fn every_error() -> Vec<VideoError> {
    let p = PathBuf::from("x.mp4");
    let s = String::new;
    vec![
        VideoError::ToolMissing { tool: Tool::Ffmpeg },
        VideoError::ToolBroken {
            tool: Tool::Ffprobe,
            detail: s(),
        },
        VideoError::ToolTooOld {
            tool: Tool::Ffmpeg,
            detail: s(),
        },
        VideoError::ToolCrashed {
            tool: Tool::Ffmpeg,
            status: s(),
        },
        VideoError::Read {
            path: p.clone(),
            detail: s(),
        },
        VideoError::Empty { path: p.clone() },
        VideoError::NotAVideo,
        VideoError::NoVideoTrack,
        VideoError::UnsupportedCodec { codec: s() },
        VideoError::Encrypted,
        VideoError::Incomplete { detail: s() },
        VideoError::Damaged { detail: s() },
        VideoError::TooManyPixels {
            width: 1,
            height: 1,
        },
        VideoError::TooLong {
            duration_s: 1.0,
            max_s: 1.0,
        },
        VideoError::DurationUnknown,
        VideoError::ReelsDuration {
            duration_s: 1.0,
            min_s: 3.0,
            max_s: 90.0,
        },
        VideoError::WontFit {
            duration_s: 1.0,
            max_bytes: 1,
            max_duration_s: 1.0,
        },
        VideoError::OutputTooLarge {
            bytes: 1,
            max_bytes: 1,
        },
        VideoError::TimedOut { seconds: 1 },
        VideoError::Stalled { seconds: 1 },
        VideoError::MemoryLimit { limit_mb: 1 },
        VideoError::Cancelled,
        VideoError::Failed { detail: s() },
        VideoError::Write {
            path: p.clone(),
            detail: s(),
        },
        VideoError::WouldOverwrite { path: p },
    ]
}

fn line<'a>(src: &'a str, id: &str, lang: &str) -> &'a str {
    src.lines()
        .find(|l| l.starts_with(&format!("{id} =")))
        .unwrap_or_else(|| panic!("{id} missing in {lang}"))
}

#[test]
fn every_error_has_a_message_in_vi_and_en() {
    let (vi, en) = (ftl("vi"), ftl("en"));
    let errors = every_error();
    let mut codes: Vec<&str> = errors.iter().map(VideoError::code).collect();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), errors.len(), "one code per variant");
    for e in &errors {
        for (lang, src) in [("vi", &vi), ("en", &en)] {
            let l = line(src, &e.message_id(), lang);
            for arg in e.args().keys() {
                assert!(
                    l.contains(&format!("${arg}")),
                    "{} ({lang}) lacks ${arg}",
                    e.message_id()
                );
            }
        }
    }
}

#[test]
fn officer_messages_hold_no_ffmpeg_words() {
    // ffmpeg's own text reaches the log only: no message takes `detail`.
    for e in every_error() {
        assert!(!e.args().contains_key("detail"), "{}", e.code());
    }
}

#[test]
fn every_preset_has_a_name_in_vi_and_en() {
    let (vi, en) = (ftl("vi"), ftl("en"));
    for p in Preset::ALL {
        for (lang, src) in [("vi", &vi), ("en", &en)] {
            line(src, &format!("video-preset-{}", p.name()), lang);
        }
    }
}

//! Every preset on the real phone videos, each output checked by an independent ffprobe: upright
//! (size, no rotation left, and the picture itself compared with the source turned by hand), no
//! location or device metadata, fast start, within the preset's limits and the estimate's bound.

mod common;

use std::path::Path;
use std::process::Command;
use std::sync::atomic::AtomicBool;

use common::Independent;
use loa_video::{Engine, Options, Preset, Transcoded, VideoError, VideoInfo, ZALO_MAX_BYTES};

fn run(engine: &Engine, src: &Path, preset: Preset, keep: bool) -> (VideoInfo, Transcoded) {
    let info = engine.probe(src).expect("probe");
    let opts = Options::builder()
        .preset(preset)
        .keep_location(keep)
        .build();
    let plan = engine.plan(&info, &opts).expect("plan");
    let dir = tempfile::tempdir().expect("tempdir").keep();
    let out = dir.join(format!("{preset}.mp4"));
    let cancel = AtomicBool::new(false);
    let mut last = 0.0;
    let done = engine
        .transcode(&plan, &out, &cancel, &mut |p| {
            last = p.fraction.unwrap_or(last);
        })
        .unwrap_or_else(|e| panic!("{}: {e}", src.display()));
    assert!(last > 0.9, "{}: progress reached {last}", src.display());
    assert!(
        !dir.join(format!("{preset}.mp4.part")).exists(),
        "partial file left"
    );
    (info, done)
}

/// The checks every output must pass, whatever the preset.
fn check_clean(src: &Path, info: &VideoInfo, done: &Transcoded) {
    let name = src.display();
    let ind = Independent::of(&done.path);
    assert!(
        ind.json["format"]["format_name"]
            .as_str()
            .is_some_and(|f| f.contains("mp4")),
        "{name}"
    );
    assert!(!ind.has_display_matrix(), "{name}: rotation left in output");
    assert!(ind.streams("data").is_empty(), "{name}: data track copied");
    assert_eq!(
        ind.streams("audio").is_empty(),
        info.audio.is_none(),
        "{name}: sound"
    );
    for key in ind.tag_keys() {
        for bad in [
            "location",
            "gps",
            "xmp",
            "make",
            "model",
            "software",
            "com.apple",
            "com.android",
            "creation_time",
        ] {
            assert!(!key.contains(bad), "{name}: output keeps tag {key}");
        }
    }
    if let Err(e) = common::moov_has_no_location(&done.path) {
        panic!("{name}: {e}");
    }
    // Fast start: the index comes before the media data.
    let bytes = std::fs::read(&done.path).expect("read");
    let order: Vec<String> = common::top_boxes(&bytes)
        .into_iter()
        .map(|(k, _, _)| k)
        .filter(|k| k == "moov" || k == "mdat")
        .collect();
    assert_eq!(order, ["moov", "mdat"], "{name}");
    if let Some(max) = done.plan.estimate.bytes_max {
        assert!(done.bytes <= max, "{name}: {} > bound {max}", done.bytes);
    }
}

/// A 16×16 grey thumbnail of the frame at `at_s`, through ffmpeg with `filters`; `raw` turns
/// off ffmpeg's autorotation so the stored pixels are read.
fn thumb(path: &Path, at_s: f64, filters: &str, raw: bool) -> Vec<u8> {
    let mut cmd = Command::new("ffmpeg");
    cmd.args(["-v", "error"]);
    if raw {
        cmd.arg("-noautorotate");
    }
    let chain = if filters.is_empty() {
        "scale=16:16,format=gray".to_owned()
    } else {
        format!("{filters},scale=16:16,format=gray")
    };
    let out = cmd
        .arg("-i")
        .arg(path)
        .args(["-ss", &format!("{at_s:.3}")])
        // The first picture track: a Pixel motion photo's second one holds its still shots.
        .args(["-map", "0:v:0"])
        .args(["-frames:v", "1", "-vf", &chain, "-f", "rawvideo", "-"])
        .output()
        .expect("ffmpeg runs");
    out.stdout
}

fn distance(a: &[u8], b: &[u8]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (f64::from(*x) - f64::from(*y)).abs())
        .sum::<f64>()
        / a.len() as f64
}

/// The eight ways a picture can be turned or mirrored, as ffmpeg filters.
const TURNS: [(&str, &str); 8] = [
    ("none", ""),
    ("90", "transpose=clock"),
    ("180", "hflip,vflip"),
    ("270", "transpose=cclock"),
    ("mirror", "hflip"),
    ("90+mirror", "transpose=clock_flip"),
    ("180+mirror", "vflip"),
    ("transpose", "transpose=cclock_flip"),
];

/// A frame of the output, a little way in (first frames are often black), must look like the
/// source's stored pixels turned the way the manifest says, and clearly more like that than like
/// any other of the eight turns.
fn check_upright(src: &Path, out: &Path, duration_s: f64, expected: &str) {
    // The sound can outlast the picture: past the last frame, take the first.
    let (mut at, mut got) = (duration_s * 0.4, thumb(out, duration_s * 0.4, "", false));
    if got.is_empty() {
        (at, got) = (0.0, thumb(out, 0.0, "", false));
    }
    assert_eq!(got.len(), 256, "{}", out.display());
    let mut scored: Vec<(f64, &str)> = TURNS
        .iter()
        .map(|(name, f)| {
            let want = thumb(src, at, f, true);
            assert_eq!(want.len(), 256, "{}", src.display());
            (distance(&got, &want), *name)
        })
        .collect();
    scored.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert_eq!(
        scored[0].1,
        expected,
        "{}: closest turns {scored:?}",
        src.display()
    );
    assert!(
        scored[1].0 > scored[0].0 * 2.0 + 4.0,
        "{}: the frame does not tell the turns apart {scored:?}",
        src.display()
    );
}

#[test]
fn facebook_on_every_phone_video() {
    let (Some(videos), Some(engine)) = (common::testdata("videos"), common::engine()) else {
        return;
    };
    let rows = common::manifest(&videos);
    let files: Vec<&common::Row> = rows
        .iter()
        .filter(|r| r["file"].starts_with("phone/") || r["file"].starts_with("edge/"))
        .collect();
    assert!(files.len() >= 12);
    for row in files {
        let src = videos.join(&row["file"]);
        let (info, done) = run(&engine, &src, Preset::Facebook, false);
        check_clean(&src, &info, &done);
        let ind = Independent::of(&done.path);
        let (w, h) = ind.picture();
        assert_eq!(
            (w, h),
            (u64::from(done.plan.width), u64::from(done.plan.height))
        );
        assert!(w.max(h) <= 1280, "{}: {w}×{h}", row["file"]);
        assert_eq!(w >= h, info.width >= info.height, "{}: turned", row["file"]);
        assert_eq!(ind.streams("video")[0]["codec_name"], "h264");
        assert_eq!(ind.streams("video")[0]["pix_fmt"], "yuv420p");
        if !ind.streams("audio").is_empty() {
            assert_eq!(ind.streams("audio")[0]["codec_name"], "aac");
        }
        let expected = match (
            row["rotation_cw_deg"].as_str(),
            row["file"].contains("reflect"),
        ) {
            (_, true) => "transpose",
            ("90", _) => "90",
            ("180", _) => "180",
            ("270", _) => "270",
            _ => "none",
        };
        // The Pixel 7 clip was "cleaned" to black frames: its pixels cannot show a turn (its
        // size still does, above).
        if expected != "none" && !row["file"].contains("pixel7_videoOnly_cleaned") {
            check_upright(
                &src,
                &done.path,
                info.duration_s.expect("duration"),
                expected,
            );
        }
        let d_in = info.duration_s.expect("duration");
        let d_out = done.info.duration_s.expect("duration");
        assert!(
            (d_in - d_out).abs() < 0.1 + d_in * 0.05,
            "{}: {d_in} s became {d_out} s",
            row["file"]
        );
    }
}

#[test]
fn keep_location_keeps_it() {
    let (Some(videos), Some(engine)) = (common::testdata("videos"), common::engine()) else {
        return;
    };
    let src = videos.join("phone/with-gps.mov");
    let (_, done) = run(&engine, &src, Preset::Facebook, true);
    assert!(done.info.has_location, "{:?}", done.info.location_keys);
    let keys = Independent::of(&done.path).tag_keys();
    assert!(keys.iter().any(|k| k.contains("location")), "{keys:?}");
    // Still upright: keeping tags does not bring the rotation back.
    assert!(!Independent::of(&done.path).has_display_matrix());
}

#[test]
fn reels_saver_zalo_original() {
    let (Some(videos), Some(engine)) = (common::testdata("videos"), common::engine()) else {
        return;
    };
    // Reels: a 4 s portrait iPhone clip fills the 9:16 frame.
    let src = videos.join("phone/with-gps.mov");
    let (info, done) = run(&engine, &src, Preset::Reels, false);
    check_clean(&src, &info, &done);
    assert_eq!(Independent::of(&done.path).picture(), (720, 1280));

    // Saver: 480p.
    let src = videos.join("phone/Issue_515_java.mp4");
    let (info, done) = run(&engine, &src, Preset::Saver, false);
    check_clean(&src, &info, &done);
    assert_eq!(Independent::of(&done.path).picture(), (854, 480));

    // Zalo: under 50 MB by construction, and the bound says so before encoding.
    let (info, done) = run(&engine, &src, Preset::Zalo, false);
    check_clean(&src, &info, &done);
    assert!(done.bytes <= ZALO_MAX_BYTES);
    assert!(done.plan.estimate.bytes_max.expect("bound") <= ZALO_MAX_BYTES);

    // Original: an upright H.264 + AAC phone clip is copied, frame for frame.
    let src = videos.join("phone/with-gps.mp4");
    let (info, done) = run(&engine, &src, Preset::Original, false);
    check_clean(&src, &info, &done);
    let frames = |p: &Path| {
        let out = Command::new("ffprobe")
            .args(["-v", "error", "-select_streams", "v:0", "-count_packets"])
            .args(["-show_entries", "stream=nb_read_packets", "-of", "csv=p=0"])
            .arg(p)
            .output()
            .expect("ffprobe");
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    };
    assert_eq!(frames(&done.path), frames(&src));
    assert_eq!(Independent::of(&done.path).picture(), (1920, 1080));
    // …while a turned one is encoded upright at full size.
    let src = videos.join("phone/with-gps.mov");
    let (info, done) = run(&engine, &src, Preset::Original, false);
    check_clean(&src, &info, &done);
    assert_eq!(Independent::of(&done.path).picture(), (320, 568));
    check_upright(&src, &done.path, info.duration_s.expect("duration"), "90");
}

#[test]
fn reels_refuses_a_short_clip_before_encoding() {
    let (Some(videos), Some(engine)) = (common::testdata("videos"), common::engine()) else {
        return;
    };
    let info = engine
        .probe(&videos.join("phone/portrait_4k60.mp4"))
        .expect("probe");
    let opts = Options::builder().preset(Preset::Reels).build();
    let err = engine.plan(&info, &opts).expect_err("0.3 s is too short");
    assert!(matches!(err, VideoError::ReelsDuration { .. }), "{err}");
    assert_eq!(err.args()["min"], "3");
}

#[test]
fn poster_is_an_upright_jpeg_without_metadata() {
    let (Some(videos), Some(engine)) = (common::testdata("videos"), common::engine()) else {
        return;
    };
    let info = engine
        .probe(&videos.join("phone/with-gps.mov"))
        .expect("probe");
    let jpeg = engine.poster(&info, 480).expect("poster");
    assert!(jpeg.starts_with(&[0xFF, 0xD8]));
    assert!(!common::contains(&jpeg, b"Exif"));
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("poster.jpg");
    std::fs::write(&p, &jpeg).expect("write");
    // 320×568 upright, fitted into 480: portrait, long edge 480.
    let (w, h) = Independent::of(&p).picture();
    assert_eq!((w, h), (270, 480));
}

//! Probing the real phone videos of shared/testdata/videos against what their MANIFEST.tsv says
//! (written with ffprobe and exiftool when the set was made).

mod common;

use loa_video::{Container, VideoError};

/// The files the engine refuses at probe time, and why (their MANIFEST notes say the same).
const REFUSED: &[(&str, &str)] = &[
    ("broken/2018-04-12_19_24_49.mov", "empty_file"),
    ("broken/bug1079747.mp4", "incomplete"),
    ("broken/chunk_out_of_range.mp4", "damaged"),
    ("broken/derived_not_a_video_jpeg.mp4", "not_a_video"),
    (
        "broken/derived_quicktime-hvc1_truncated_half.mov",
        "incomplete",
    ),
    ("broken/derived_with-gps_mdat_size_4GiB.mp4", "incomplete"),
    ("broken/gizmo-frag-2.mp4", "encrypted"),
    ("broken/invalid_userdata.mp4", "damaged"),
    ("broken/sample_malformed_free_box.mp4", "incomplete"),
    ("broken/truncated-64bit.mp4", "damaged"),
    ("broken/zero_empty_stsc.mp4", "damaged"),
    ("formats/no-tags.3g2", "no_video_track"),
];

#[test]
fn every_file_matches_its_manifest_row() {
    let (Some(videos), Some(engine)) = (common::testdata("videos"), common::engine()) else {
        return;
    };
    let rows = common::manifest(&videos);
    assert!(rows.len() >= 40, "{} rows", rows.len());
    let mut checked = 0;
    for row in &rows {
        let file = &row["file"];
        let result = engine.probe(&videos.join(file));
        if let Some((_, code)) = REFUSED.iter().find(|(f, _)| f == file) {
            let err = result.expect_err(file);
            assert_eq!(err.code(), *code, "{file}: {err}");
            checked += 1;
            continue;
        }
        let info = result.unwrap_or_else(|e| panic!("{file}: {e}"));
        // Coded size and rotation, as the manifest lists them (the first of several tracks).
        let wh = row["width_x_height"].split(' ').next().expect("size");
        let (w, h) = wh.split_once('x').expect("WxH");
        assert_eq!(
            (
                info.video.coded_width.to_string(),
                info.video.coded_height.to_string()
            ),
            (w.to_owned(), h.to_owned()),
            "{file}"
        );
        let rotation: u16 = row["rotation_cw_deg"].parse().expect("rotation");
        assert_eq!(info.orientation.rotation, rotation, "{file}");
        // Upright: the coded size turned by the rotation (and widened by a non-square pixel).
        let (cw, ch) = (info.video.coded_width, info.video.coded_height);
        let expected = if rotation % 180 == 90 {
            (ch, cw)
        } else {
            (cw, ch)
        };
        if info.video.sar == (1, 1) {
            assert_eq!((info.width, info.height), expected, "{file}");
        } else {
            assert_eq!(info.height, expected.1, "{file}");
            assert_ne!(info.width, expected.0, "{file}: pixel aspect applied");
        }
        assert_eq!(
            info.has_location,
            row["has_location"].starts_with("yes"),
            "{file}: {:?}",
            info.location_keys
        );
        let no_sound = row["audio"] == "none" || row["audio"].starts_with("unknown");
        assert_eq!(info.audio.is_none(), no_sound, "{file}: {:?}", info.audio);
        if let Ok(d) = row["duration_s"].parse::<f64>() {
            let got = info.duration_s.expect("duration");
            assert!((got - d).abs() < 0.05, "{file}: {got} against {d}");
        } else {
            // No duration in the file (a MediaRecorder WebM): measured from the packets.
            assert!(info.duration_scanned && info.duration_s.is_some(), "{file}");
        }
        let container = &row["container"];
        let expected = match container.split(' ').next().unwrap_or("") {
            "MOV" => Container::Mov,
            "3GP" => Container::ThreeGp,
            "3G2" => Container::ThreeG2,
            "WebM" => info.container, // WebM or Matroska by codec; both read the same way
            _ => Container::Mp4,
        };
        assert_eq!(info.container, expected, "{file} ({container})");
        checked += 1;
    }
    assert_eq!(checked, rows.len());
}

#[test]
fn phone_metadata_is_seen() {
    let (Some(videos), Some(engine)) = (common::testdata("videos"), common::engine()) else {
        return;
    };
    let iphone = engine
        .probe(&videos.join("phone/with-gps.mov"))
        .expect("probe");
    assert_eq!(iphone.device.as_deref(), Some("Apple iPhone 6"));
    assert!(iphone.has_device_metadata);
    assert!(
        iphone.location_keys.iter().any(|k| k.contains("iso6709")),
        "{:?}",
        iphone.location_keys
    );
    assert_eq!(iphone.data_streams, 2, "two Apple timed-metadata tracks");
    let hdr = engine
        .probe(&videos.join("phone/dolbyVision-hdr.MOV"))
        .expect("probe");
    assert_eq!(hdr.video.hdr_transfer.as_deref(), Some("arib-std-b67"));
    assert_eq!(hdr.device.as_deref(), Some("Apple iPhone 14 Pro"));
    let mirrored = engine
        .probe(&videos.join("edge/sample_rotate_and_reflect.mp4"))
        .expect("probe");
    assert!(mirrored.orientation.mirrored);
    let xmp = engine
        .probe(&videos.join("formats/derived_xmp480qt_xmp-gps.mov"))
        .expect("probe");
    assert_eq!(xmp.location_keys, vec!["xmp".to_owned()]);
}

#[test]
fn a_playlist_named_mp4_is_not_opened() {
    let Some(engine) = common::engine() else {
        return;
    };
    // The classic trick: an HLS playlist that makes a player read a local file. The first bytes
    // are not a video's, so ffprobe never sees it.
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("clip.mp4");
    std::fs::write(
        &p,
        "#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:10.0,\nconcat:/etc/passwd\n#EXT-X-ENDLIST\n",
    )
    .expect("write");
    assert_eq!(engine.probe(&p), Err(VideoError::NotAVideo));
}

#[test]
fn a_missing_file_is_a_read_error() {
    let Some(engine) = common::engine() else {
        return;
    };
    let e = engine
        .probe("/nonexistent/clip.mp4".as_ref())
        .expect_err("missing");
    assert_eq!(e.code(), "read_failed");
}

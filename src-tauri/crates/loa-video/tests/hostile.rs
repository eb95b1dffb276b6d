//! Hostile and broken files, through the whole path (probe → plan → compress for Facebook): each
//! ends with a usable output or its typed error, within the engine's bounds. Prints the table of
//! outcomes and times (`cargo test -p loa-video --test hostile -- --nocapture`).

mod common;

use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use loa_video::{Engine, Options, VideoError};

/// Every file of `videos/broken/` and what becomes of it.
const BROKEN: &[(&str, &str)] = &[
    ("0-timescale.mp4", "damaged"),
    ("2018-04-12_19_24_49.mov", "empty_file"),
    ("bug1079747.mp4", "incomplete"),
    ("chunk_out_of_range.mp4", "damaged"),
    ("derived_Issue_515_java_truncated_half.mp4", "ok"),
    ("derived_not_a_video_jpeg.mp4", "not_a_video"),
    ("derived_quicktime-hvc1_truncated_half.mov", "incomplete"),
    ("derived_with-gps_mdat_size_4GiB.mp4", "incomplete"),
    ("gizmo-frag-2.mp4", "encrypted"),
    ("invalid-bitstream.webm", "damaged"),
    ("invalid_userdata.mp4", "damaged"),
    ("sample_malformed_free_box.mp4", "incomplete"),
    ("sample_mdat_too_long.mp4", "ok"),
    ("sample_missing_stsd.mp4", "ok"),
    ("sample_with_invalid_nalu.mp4", "ok"),
    ("truncated-64bit.mp4", "damaged"),
    ("zero_empty_stsc.mp4", "damaged"),
];

fn whole_path(engine: &Engine, src: &Path, out: &Path) -> Result<u64, VideoError> {
    let info = engine.probe(src)?;
    let plan = engine.plan(&info, &Options::default())?;
    let done = engine.transcode(&plan, out, &AtomicBool::new(false), &mut |_| {})?;
    // A usable output is upright H.264 with a picture, whatever the input's damage.
    assert!(done.info.duration_s.is_some_and(|d| d > 0.0));
    assert_eq!(done.info.video.codec, "h264");
    assert_eq!(done.info.orientation.rotation, 0);
    assert!(!done.info.has_location);
    Ok(done.bytes)
}

fn outcome(r: &Result<u64, VideoError>) -> &'static str {
    match r {
        Ok(_) => "ok",
        Err(e) => e.code(),
    }
}

#[test]
fn every_broken_file_ends_with_an_output_or_its_reason() {
    let (Some(broken), Some(engine)) = (common::testdata("videos/broken"), common::engine()) else {
        return;
    };
    let mut on_disk: Vec<String> = std::fs::read_dir(&broken)
        .expect("read dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let listed: Vec<&str> = BROKEN.iter().map(|(f, _)| *f).collect();
    assert_eq!(on_disk, listed, "every broken file has an expected outcome");
    let out_dir = tempfile::tempdir().expect("tempdir");
    let mut table = String::from("| file | outcome | seconds |\n| --- | --- | ---: |\n");
    let mut wrong = Vec::new();
    for (file, expected) in BROKEN {
        let start = Instant::now();
        let r = whole_path(
            &engine,
            &broken.join(file),
            &out_dir.path().join(format!("{file}.mp4")),
        );
        let secs = start.elapsed().as_secs_f64();
        table.push_str(&format!("| {file} | {} | {secs:.2} |\n", outcome(&r)));
        if outcome(&r) != *expected {
            wrong.push(format!("{file}: {r:?}, expected {expected}"));
        }
        // Every refusal has a message for the officer.
        if let Err(e) = &r {
            assert!(e.message_id().starts_with("video-error-"));
        }
    }
    eprintln!("{table}");
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Files made here, each a trick a hostile file could play.
#[test]
fn forged_headers_end_quickly_with_a_reason() {
    let Some(engine) = common::engine() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let ftyp = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2";
    let mut cases: Vec<(&str, Vec<u8>, &str)> = Vec::new();
    // An mdat declaring 2^62 bytes through the 64-bit size, then a little data.
    let mut huge = ftyp.to_vec();
    huge.extend_from_slice(b"\x00\x00\x00\x01mdat\x40\x00\x00\x00\x00\x00\x00\x00");
    huge.extend(std::iter::repeat_n(0u8, 4096));
    cases.push(("mdat_2e62.mp4", huge, "incomplete"));
    // A moov declaring 2 GB with nothing inside.
    let mut moov = ftyp.to_vec();
    moov.extend_from_slice(b"\x7f\xff\xff\xffmoov");
    moov.extend(std::iter::repeat_n(0u8, 1024));
    cases.push(("moov_2gb.mp4", moov, "damaged"));
    // Random bytes with a video's name.
    let noise: Vec<u8> = (0u32..65_536)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    cases.push(("noise.mp4", noise, "not_a_video"));
    // A text playlist that would make ffmpeg read another file.
    cases.push((
        "playlist.mp4",
        b"#EXTM3U\n#EXTINF:1,\nfile:///etc/passwd\n".to_vec(),
        "not_a_video",
    ));
    // WebM's magic and nothing else.
    cases.push(("ebml.webm", vec![0x1A, 0x45, 0xDF, 0xA3, 0x80], "damaged"));
    let mut table = String::from("| forged file | outcome | seconds |\n| --- | --- | ---: |\n");
    let mut wrong = Vec::new();
    for (name, bytes, expected) in cases {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).expect("write");
        let start = Instant::now();
        let r = whole_path(&engine, &p, &dir.path().join(format!("{name}.out.mp4")));
        table.push_str(&format!(
            "| {name} | {} | {:.2} |\n",
            outcome(&r),
            start.elapsed().as_secs_f64()
        ));
        if outcome(&r) != expected {
            wrong.push(format!("{name}: {r:?}, expected {expected}"));
        }
    }
    eprintln!("{table}");
    assert!(wrong.is_empty(), "{wrong:#?}");
}

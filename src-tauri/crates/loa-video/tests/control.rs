//! Cancel, the time, stall and memory bounds, a crashing decoder, a missing or old ffmpeg: each
//! ends in its typed error, and no ffmpeg is left running or unreaped afterwards.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use loa_video::{Engine, Limits, Options, Search, Tool, VideoError};

/// The checks look at every process on the machine that mentions their output: one at a time.
static SERIAL: Mutex<()> = Mutex::new(());

fn plan_for(engine: &Engine, src: &Path) -> loa_video::Plan {
    let info = engine.probe(src).expect("probe");
    engine.plan(&info, &Options::default()).expect("plan")
}

/// An output path unique to this test, so the process list can be searched for it.
fn output(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{name}-{}.mp4", std::process::id()))
}

/// After a stop: no process mentions the output, none was left unreaped, no partial file.
fn assert_child_gone(out: &Path) {
    #[cfg(target_os = "linux")]
    {
        let needle = out.to_string_lossy();
        assert!(
            common::processes_mentioning(&needle).is_empty(),
            "ffmpeg still running"
        );
        assert!(common::zombie_children().is_empty(), "ffmpeg not reaped");
    }
    let mut part = out.as_os_str().to_owned();
    part.push(".part");
    assert!(!Path::new(&part).exists(), "partial file left");
    assert!(!out.exists(), "no output after a stop");
}

#[test]
fn cancel_kills_ffmpeg_and_leaves_nothing() {
    let _g = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    let (Some(videos), Some(engine)) = (common::testdata("videos"), common::engine()) else {
        return;
    };
    let plan = plan_for(&engine, &videos.join("phone/FLIR_Thermal.mp4"));
    let dir = tempfile::tempdir().expect("tempdir");
    let out = output(dir.path(), "cancel");
    let cancel = AtomicBool::new(false);
    let mut seen_running = false;
    let err = engine
        .transcode(&plan, &out, &cancel, &mut |p| {
            // Progress is reported while ffmpeg runs: it must be visible, then cancelled.
            #[cfg(target_os = "linux")]
            if !seen_running {
                seen_running = !common::processes_mentioning(&out.to_string_lossy()).is_empty();
            }
            #[cfg(not(target_os = "linux"))]
            {
                seen_running = true;
            }
            if p.done_s > 0.0 {
                cancel.store(true, Ordering::Relaxed);
            }
        })
        .expect_err("cancelled");
    assert_eq!(err, VideoError::Cancelled);
    assert!(seen_running, "the check could see the running ffmpeg");
    assert_child_gone(&out);
}

/// Compresses the 11 s FLIR clip under `limits`, expecting a stop: the error, and the output
/// path for the process checks (the folder is kept alive with it). `None` when the data or
/// ffmpeg is absent.
fn stopped_under(limits: Limits, name: &str) -> Option<(VideoError, tempfile::TempDir, PathBuf)> {
    let (videos, engine) = (common::testdata("videos")?, common::engine()?);
    let plan = plan_for(&engine, &videos.join("phone/FLIR_Thermal.mp4"));
    let engine = engine.with_limits(limits);
    let dir = tempfile::tempdir().expect("tempdir");
    let out = output(dir.path(), name);
    let err = engine
        .transcode(&plan, &out, &AtomicBool::new(false), &mut |_| {})
        .expect_err("stopped");
    Some((err, dir, out))
}

#[test]
fn the_wall_clock_limit_kills_ffmpeg() {
    let _g = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    let limits = Limits {
        encode_timeout_base: Duration::ZERO,
        encode_timeout_per_second: 0.0,
        ..Limits::default()
    };
    let Some((err, _dir, out)) = stopped_under(limits, "timeout") else {
        return;
    };
    assert!(matches!(err, VideoError::TimedOut { .. }), "{err}");
    assert_child_gone(&out);
}

#[test]
fn a_stall_kills_ffmpeg() {
    let _g = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    // No output time can move within a microsecond of the start.
    let limits = Limits {
        stall_timeout: Duration::from_micros(1),
        ..Limits::default()
    };
    let Some((err, _dir, out)) = stopped_under(limits, "stall") else {
        return;
    };
    assert!(matches!(err, VideoError::Stalled { .. }), "{err}");
    assert_child_gone(&out);
}

#[cfg(target_os = "linux")]
#[test]
fn the_memory_cap_kills_ffmpeg() {
    let _g = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    // ffmpeg with libx264 loaded is far over 1 MiB resident from its first moment.
    let limits = Limits {
        max_memory: Some(1 << 20),
        ..Limits::default()
    };
    let Some((err, _dir, out)) = stopped_under(limits, "memory") else {
        return;
    };
    assert_eq!(err, VideoError::MemoryLimit { limit_mb: 1 });
    assert_child_gone(&out);
}

/// A folder with an `ffprobe` that is the real one and an `ffmpeg` that answers `-version` and
/// `-filters` like the real one, then does `then` (a shell snippet) for any other call.
#[cfg(unix)]
fn fake_ffmpeg(then: &str) -> Option<tempfile::TempDir> {
    use std::os::unix::fs::PermissionsExt;
    let real = |name: &str| {
        let out = std::process::Command::new("sh")
            .args(["-c", &format!("command -v {name}")])
            .output()
            .ok()?;
        let p = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        (!p.is_empty()).then_some(p)
    };
    let (ffmpeg, ffprobe) = (real("ffmpeg")?, real("ffprobe")?);
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, body: String| {
        let p = dir.path().join(name);
        std::fs::write(&p, body).expect("write");
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    };
    write("ffprobe", format!("#!/bin/sh\nexec {ffprobe} \"$@\"\n"));
    write(
        "ffmpeg",
        format!(
            "#!/bin/sh\ncase \"$*\" in *-version*|*-filters*) exec {ffmpeg} \"$@\";; esac\n{then}\n"
        ),
    );
    Some(dir)
}

/// Compresses a real clip with the fake ffmpeg of [`fake_ffmpeg`]: the error and the output
/// path (its folders kept alive with it). `None` when the data or a real ffmpeg is absent.
#[cfg(unix)]
fn with_fake_ffmpeg(then: &str) -> Option<(VideoError, PathBuf, [tempfile::TempDir; 2])> {
    let (videos, real) = (common::testdata("videos")?, common::engine()?);
    let fake = fake_ffmpeg(then)?;
    let search = Search {
        override_dir: Some(fake.path().to_path_buf()),
        ..Search::default()
    };
    let engine = Engine::locate_in(&search, Limits::default()).expect("fake engine");
    let plan = plan_for(&real, &videos.join("phone/with-gps.mp4"));
    let dir = tempfile::tempdir().expect("tempdir");
    let out = output(dir.path(), "fake");
    let err = engine
        .transcode(&plan, &out, &AtomicBool::new(false), &mut |_| {})
        .expect_err("the fake ffmpeg fails");
    Some((err, out, [fake, dir]))
}

#[cfg(unix)]
#[test]
fn a_crashing_decoder_is_a_typed_error_not_a_panic() {
    let _g = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    let Some((err, out, _dirs)) = with_fake_ffmpeg("kill -SEGV $$") else {
        return;
    };
    assert_eq!(
        err,
        VideoError::ToolCrashed {
            tool: Tool::Ffmpeg,
            status: "signal 11".into()
        }
    );
    assert_eq!(err.message_id(), "video-error-tool-crashed");
    assert_child_gone(&out);
}

#[cfg(unix)]
#[test]
fn an_ffmpeg_without_fps_mode_is_too_old() {
    let _g = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    // What ffmpeg 4.4 prints for an option it does not know.
    let Some((err, _, _dirs)) = with_fake_ffmpeg(
        "echo \"Unrecognized option 'fps_mode'.\" >&2; echo 'Error splitting the argument list' >&2; exit 1",
    ) else {
        return;
    };
    assert!(matches!(err, VideoError::ToolTooOld { .. }), "{err}");
}

#[test]
fn no_ffmpeg_anywhere_says_so() {
    let empty = tempfile::tempdir().expect("tempdir");
    let search = Search {
        override_dir: None,
        exe_dir: Some(empty.path().to_path_buf()),
        path: Some(std::env::join_paths([empty.path()]).expect("join")),
    };
    let err = Engine::locate_in(&search, Limits::default()).expect_err("missing");
    assert_eq!(err, VideoError::ToolMissing { tool: Tool::Ffmpeg });
    assert_eq!(err.message_id(), "video-error-tool-missing");
    assert_eq!(err.args()["tool"], "ffmpeg");
}

#[test]
fn writing_into_a_missing_folder_is_a_write_error_before_ffmpeg_starts() {
    let _g = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    let (Some(videos), Some(engine)) = (common::testdata("videos"), common::engine()) else {
        return;
    };
    let plan = plan_for(&engine, &videos.join("phone/with-gps.mp4"));
    let err = engine
        .transcode(
            &plan,
            Path::new("/nonexistent-folder/out.mp4"),
            &AtomicBool::new(false),
            &mut |_| {},
        )
        .expect_err("no folder");
    assert_eq!(err.code(), "write_failed");
}

#[test]
fn the_original_is_never_overwritten() {
    let (Some(videos), Some(engine)) = (common::testdata("videos"), common::engine()) else {
        return;
    };
    let src = videos.join("phone/with-gps.mp4");
    let plan = plan_for(&engine, &src);
    let err = engine
        .transcode(&plan, &src, &AtomicBool::new(false), &mut |_| {})
        .expect_err("refused");
    assert_eq!(err.code(), "would_overwrite");
}

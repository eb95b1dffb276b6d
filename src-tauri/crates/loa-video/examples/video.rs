//! The engine from a shell, for the benchmark and for trying files by hand:
//!
//! ```text
//! cargo run -p loa-video --example video -- probe FILE
//! cargo run -p loa-video --example video -- plan FILE PRESET            (the exact ffmpeg arguments)
//! cargo run -p loa-video --example video -- transcode FILE PRESET OUT.mp4 [--keep-location]
//! cargo run -p loa-video --example video -- poster FILE OUT.jpg
//! ```
//!
//! Prints one JSON object; a refused file prints `{"error": code, "detail": …}` and exits 1.

use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use loa_video::{Engine, Options, Preset, VideoError};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            println!(
                "{}",
                serde_json::json!({ "error": e.code(), "detail": e.to_string() })
            );
            ExitCode::FAILURE
        }
    }
}

fn preset(name: Option<&String>) -> Preset {
    name.and_then(|n| n.parse().ok()).unwrap_or_default()
}

fn run(args: &[String]) -> Result<serde_json::Value, VideoError> {
    let engine = Engine::locate()?;
    let file = args.get(1).map(String::as_str).unwrap_or("");
    let keep = args.iter().any(|a| a == "--keep-location");
    let opts = |p| Options::builder().preset(p).keep_location(keep).build();
    let json = |v: &dyn erased::Json| v.json();
    match args.first().map(String::as_str) {
        Some("probe") => Ok(json(&engine.probe(file.as_ref())?)),
        Some("plan") => {
            let info = engine.probe(file.as_ref())?;
            let plan = engine.plan(&info, &opts(preset(args.get(2))))?;
            let cl: Vec<String> = plan
                .command_line("OUTPUT.mp4".as_ref())
                .iter()
                .map(|s| s.to_string_lossy().into_owned())
                .collect();
            Ok(serde_json::json!({ "plan": json(&plan), "args": cl }))
        }
        Some("transcode") => {
            let info = engine.probe(file.as_ref())?;
            let plan = engine.plan(&info, &opts(preset(args.get(2))))?;
            let out = args.get(3).map(String::as_str).unwrap_or("out.mp4");
            let cancel = AtomicBool::new(false);
            let done = engine.transcode(&plan, out.as_ref(), &cancel, &mut |_| {})?;
            Ok(json(&done))
        }
        Some("poster") => {
            let info = engine.probe(file.as_ref())?;
            let jpeg = engine.poster(&info, 480)?;
            let out = args.get(2).map(String::as_str).unwrap_or("poster.jpg");
            std::fs::write(out, &jpeg).map_err(|e| VideoError::Write {
                path: out.into(),
                detail: e.to_string(),
            })?;
            Ok(serde_json::json!({ "bytes": jpeg.len() }))
        }
        _ => Ok(serde_json::json!({ "usage": "probe|plan|transcode|poster FILE …" })),
    }
}

mod erased {
    pub trait Json {
        fn json(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> serde_json::Value {
            serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
        }
    }
}

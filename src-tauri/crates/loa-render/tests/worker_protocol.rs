//! The worker process spoken to directly: it says it is ready, asks for a pack it does not
//! hold, and leaves (without hanging) when the parent sends nonsense or closes the pipe.

mod common;

use std::io::{BufReader, Write};
use std::process::{Command, Stdio};

use common::fixture;
use loa_render::protocol::{Caps, FromWorker, PROTOCOL_VERSION, ToWorker, read_frame, write_frame};
use loa_render::{Format, PngCompression, WORKER_ARG};
use loa_templates::Size;

fn start() -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_loa-render-worker"))
        .arg(WORKER_ARG)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the worker starts")
}

fn render_request(pack_files: Option<Vec<String>>) -> ToWorker {
    let pack = fixture();
    ToWorker::Render {
        pack_hash: pack.hash().to_owned(),
        pack_files,
        template: "notice".into(),
        data_json: r#"{"lang":"vi","size":{"name":"1080x1350","kind":"portrait","width":540,"height":675},"text":{"label-heading":"X"},"f":{"title":"x","body":null,"when":null,"items":null,"rows":null,"photo":null,"link":null,"level":null}}"#.into(),
        inputs: Vec::new(),
        size: Size::Portrait,
        format: Format::Png,
        pixel_per_pt: 1.0,
        png_compression: PngCompression::Fast,
    }
}

#[test]
fn ready_then_need_pack_then_done_then_a_clean_exit() {
    let mut child = start();
    let mut stdin = child.stdin.take().expect("stdin");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let hello = read_frame::<_, FromWorker>(&mut stdout, Caps::ANSWER).expect("frame");
    assert_eq!(
        hello.map(|h| h.0),
        Some(FromWorker::Ready {
            protocol: PROTOCOL_VERSION
        })
    );
    write_frame(&mut stdin, &render_request(None), &[]).expect("send");
    let (answer, _) = read_frame::<_, FromWorker>(&mut stdout, Caps::ANSWER)
        .expect("frame")
        .expect("an answer");
    assert_eq!(answer, FromWorker::NeedPack);
    let pack = fixture();
    let paths: Vec<String> = pack.files().keys().cloned().collect();
    let blobs: Vec<&[u8]> = pack.files().values().map(Vec::as_slice).collect();
    write_frame(&mut stdin, &render_request(Some(paths)), &blobs).expect("send");
    let (answer, blobs) = read_frame::<_, FromWorker>(&mut stdout, Caps::ANSWER)
        .expect("frame")
        .expect("an answer");
    assert!(
        matches!(
            answer,
            FromWorker::Done {
                width: 540,
                height: 675,
                ..
            }
        ),
        "{answer:?}"
    );
    assert!(blobs[0].starts_with(b"\x89PNG"));
    drop(stdin);
    assert!(child.wait().expect("exits").success());
}

#[test]
fn nonsense_from_the_parent_ends_the_worker() {
    let mut child = start();
    let mut stdin = child.stdin.take().expect("stdin");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    read_frame::<_, FromWorker>(&mut stdout, Caps::ANSWER)
        .expect("frame")
        .expect("ready");
    // A header length of 4 GB.
    stdin.write_all(&[0xFF; 64]).expect("write");
    stdin.flush().expect("flush");
    let (answer, _) = read_frame::<_, FromWorker>(&mut stdout, Caps::ANSWER)
        .expect("frame")
        .expect("an answer");
    assert!(matches!(answer, FromWorker::Failed { .. }), "{answer:?}");
    let status = child.wait().expect("exits");
    assert_eq!(status.code(), Some(76));
}

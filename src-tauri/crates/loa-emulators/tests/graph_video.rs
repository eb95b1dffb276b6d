//! Graph emulator: the resumable Page video upload, its errors and faults, and read-back.

use loa_emulators::client::{Call, Reply};
use loa_emulators::{EndpointMatch, Fault, Faults, GraphEmulator, GraphOptions, sha256};

const TOKEN: &str = "tok";
const CHUNK: u64 = 4096;

fn start() -> GraphEmulator {
    GraphEmulator::start(GraphOptions {
        token: TOKEN.into(),
        video_chunk_bytes: CHUNK,
        ..Default::default()
    })
    .expect("emulator starts")
}

fn video(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 31 % 251) as u8).collect()
}

fn videos_url(fb: &GraphEmulator) -> String {
    format!("{}/1001/videos", fb.video_base_url())
}

fn start_upload(fb: &GraphEmulator, size: usize) -> Reply {
    Call::post(&videos_url(fb))
        .form(&[
            ("access_token", TOKEN),
            ("upload_phase", "start"),
            ("file_size", &size.to_string()),
        ])
        .send()
        .expect("answer")
}

fn transfer(fb: &GraphEmulator, session: &str, start: u64, chunk: &[u8]) -> std::io::Result<Reply> {
    Call::post(&videos_url(fb))
        .multipart(
            &[
                ("access_token", TOKEN),
                ("upload_phase", "transfer"),
                ("upload_session_id", session),
                ("start_offset", &start.to_string()),
            ],
            &[("video_file_chunk", "chunk", chunk)],
        )
        .send()
}

fn finish(fb: &GraphEmulator, session: &str, extra: &[(&str, &str)]) -> Reply {
    let mut fields = vec![
        ("access_token", TOKEN),
        ("upload_phase", "finish"),
        ("upload_session_id", session),
        ("title", "Hướng dẫn dùng Callbot"),
        ("description", "Video hướng dẫn bà con gọi tổng đài"),
    ];
    fields.extend_from_slice(extra);
    Call::post(&videos_url(fb))
        .form(&fields)
        .send()
        .expect("answer")
}

fn session_of(start: &Reply) -> String {
    start.json()["upload_session_id"]
        .as_str()
        .expect("an upload session")
        .to_string()
}

fn offsets(r: &Reply) -> (u64, u64) {
    let n = |k: &str| {
        r.json()[k]
            .as_str()
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or_else(|| panic!("{k} as a string in {:?}", r.json()))
    };
    (n("start_offset"), n("end_offset"))
}

/// Sends chunks from the server's offsets until it has everything.
fn send_all(fb: &GraphEmulator, session: &str, data: &[u8], mut next: (u64, u64)) {
    while next.0 < data.len() as u64 {
        let r =
            transfer(fb, session, next.0, &data[next.0 as usize..next.1 as usize]).expect("answer");
        assert_eq!(r.status, 200, "{:?}", r.json());
        next = offsets(&r);
    }
    assert_eq!(next, (data.len() as u64, data.len() as u64));
}

#[test]
fn chunked_upload_start_transfer_finish_and_read_back() {
    let fb = start();
    let data = video(10_000);
    let s = start_upload(&fb, data.len());
    assert_eq!(s.status, 200, "{:?}", s.json());
    assert_eq!(offsets(&s), (0, CHUNK));
    let session = session_of(&s);
    let video_id = s.json()["video_id"].as_str().expect("video").to_string();
    send_all(&fb, &session, &data, offsets(&s));
    let f = finish(&fb, &session, &[]);
    assert_eq!(f.json()["success"], true, "{:?}", f.json());

    let v = &fb.videos()[0];
    assert_eq!((v.id.as_str(), v.size), (video_id.as_str(), 10_000));
    assert_eq!(v.sha256, sha256(&data));
    assert_eq!(v.title, "Hướng dẫn dùng Callbot");
    let sess = &fb.upload_sessions()[0];
    assert_eq!((sess.chunks_stored, sess.chunks_refused), (3, 0));

    let list = Call::get(&format!("{}?access_token={TOKEN}", videos_url(&fb)))
        .send()
        .expect("answer");
    assert_eq!(list.json()["data"][0]["id"], video_id.as_str());
    assert_eq!(
        list.json()["data"][0]["description"],
        "Video hướng dẫn bà con gọi tổng đài"
    );
    let feed = Call::get(&format!("{}/1001/feed?access_token={TOKEN}", fb.base_url()))
        .send()
        .expect("answer");
    assert_eq!(
        feed.json()["data"][0]["message"],
        "Video hướng dẫn bà con gọi tổng đài"
    );
    let one = Call::get(&format!(
        "{}/{video_id}?access_token={TOKEN}",
        fb.base_url()
    ))
    .send()
    .expect("answer");
    assert_eq!(one.json()["status"]["video_status"], "ready");

    // The wire carried at least the file; the benchmark compares the two.
    let st = fb.stats();
    let ep = st
        .by_endpoint
        .get("POST /{id}/videos")
        .expect("video stats");
    assert!(ep.bytes_received >= 10_000, "{}", ep.bytes_received);
    // A repeated finish (its answer was lost) makes no second video.
    assert_eq!(finish(&fb, &session, &[]).json()["success"], true);
    assert_eq!(fb.videos().len(), 1);
    assert_eq!(fb.posts().len(), 1);
}

#[test]
fn a_chunk_at_the_wrong_offset_gets_1363037_with_the_expected_offsets() {
    let fb = start();
    let data = video(10_000);
    let s = start_upload(&fb, data.len());
    let session = session_of(&s);
    transfer(&fb, &session, 0, &data[..4096]).expect("answer");
    let wrong = transfer(&fb, &session, 0, &data[..4096]).expect("answer");
    let e = &wrong.json()["error"];
    assert_eq!(wrong.status, 400);
    assert_eq!(
        (e["code"].as_i64(), e["error_subcode"].as_i64()),
        (Some(6001), Some(1_363_037))
    );
    assert_eq!(e["error_data"]["start_offset"], 4096);
    assert_eq!(e["error_data"]["end_offset"], 8192);
    assert_eq!(e["error_user_title"], "Error Uploading Video");
    let sess = &fb.upload_sessions()[0];
    assert_eq!(
        (sess.received, sess.chunks_refused, sess.refused_bytes),
        (4096, 1, 4096)
    );
    // Resuming from the offsets in the error completes the upload.
    send_all(&fb, &session, &data, (4096, 8192));
    assert_eq!(finish(&fb, &session, &[]).json()["success"], true);
    assert_eq!(fb.videos()[0].sha256, sha256(&data));
}

#[test]
fn finishing_before_every_byte_arrived_is_refused_with_the_offsets() {
    let fb = start();
    let data = video(6000);
    let s = start_upload(&fb, data.len());
    let session = session_of(&s);
    transfer(&fb, &session, 0, &data[..4096]).expect("answer");
    let early = finish(&fb, &session, &[]);
    assert_eq!(early.json()["error"]["error_subcode"], 1_363_037);
    assert_eq!(early.json()["error"]["error_data"]["start_offset"], 4096);
    assert!(fb.videos().is_empty());
}

#[test]
fn a_lost_answer_after_a_stored_chunk_is_resumed_from_the_servers_offset() {
    let fb = start();
    let data = video(9000);
    let s = start_upload(&fb, data.len());
    let session = session_of(&s);
    fb.set_faults(Faults::script(vec![(
        EndpointMatch::post("/videos"),
        Fault::DropAfterHandling,
    )]));
    assert!(
        transfer(&fb, &session, 0, &data[..4096]).is_err(),
        "no answer"
    );
    assert_eq!(
        fb.upload_sessions()[0].received,
        4096,
        "the chunk was stored"
    );
    // The client does not know; it sends the same chunk again and learns the offset.
    let again = transfer(&fb, &session, 0, &data[..4096]).expect("answer");
    let next = (
        again.json()["error"]["error_data"]["start_offset"]
            .as_u64()
            .expect("start"),
        again.json()["error"]["error_data"]["end_offset"]
            .as_u64()
            .expect("end"),
    );
    assert_eq!(next, (4096, 8192));
    send_all(&fb, &session, &data, next);
    finish(&fb, &session, &[]);
    assert_eq!(fb.videos()[0].sha256, sha256(&data));
    assert_eq!(fb.upload_sessions()[0].chunks_stored, 3);
}

#[test]
fn a_reset_mid_chunk_stores_nothing_of_it() {
    let data = video(30_000);
    let big = GraphEmulator::start(GraphOptions {
        token: TOKEN.into(),
        video_chunk_bytes: 20_000,
        ..Default::default()
    })
    .expect("emulator");
    let s = start_upload(&big, data.len());
    let session = session_of(&s);
    big.set_faults(Faults::script(vec![(
        EndpointMatch::post("/videos"),
        Fault::CloseMidBody,
    )]));
    assert!(transfer(&big, &session, 0, &data[..20_000]).is_err());
    let sess = &big.upload_sessions()[0];
    assert_eq!((sess.received, sess.chunks_stored), (0, 0));
    let wire = big.stats().by_endpoint["POST /{id}/videos"].bytes_received;
    assert!(wire > 5_000, "part of the chunk crossed the wire: {wire}");
    send_all(&big, &session, &data, (0, 20_000));
    finish(&big, &session, &[]);
    assert_eq!(big.videos()[0].sha256, sha256(&data));
}

#[test]
fn an_expired_session_times_out_with_1363030() {
    let fb = start();
    let data = video(5000);
    let s = start_upload(&fb, data.len());
    let session = session_of(&s);
    fb.expire_upload_sessions();
    let r = transfer(&fb, &session, 0, &data[..4096]).expect("answer");
    assert_eq!(r.json()["error"]["error_subcode"], 1_363_030);
    assert!(
        r.json()["error"]["error_user_msg"]
            .as_str()
            .is_some_and(|m| m.contains("timed out"))
    );
    assert_eq!(
        finish(&fb, &session, &[]).json()["error"]["error_subcode"],
        1_363_030
    );
    // A new session works.
    let s2 = start_upload(&fb, data.len());
    let session2 = session_of(&s2);
    send_all(&fb, &session2, &data, offsets(&s2));
    assert_eq!(finish(&fb, &session2, &[]).json()["success"], true);
}

#[test]
fn a_scheduled_video_waits_in_scheduled_posts() {
    let fb = start();
    let data = video(3000);
    let s = start_upload(&fb, data.len());
    let session = session_of(&s);
    send_all(&fb, &session, &data, offsets(&s));
    let soon = (chrono::Utc::now().timestamp() + 60).to_string();
    let too_soon = finish(
        &fb,
        &session,
        &[("published", "false"), ("scheduled_publish_time", &soon)],
    );
    assert_eq!(too_soon.json()["error"]["code"], 100);
    let later = (chrono::Utc::now().timestamp() + 7200).to_string();
    let ok = finish(
        &fb,
        &session,
        &[("published", "false"), ("scheduled_publish_time", &later)],
    );
    assert_eq!(ok.json()["success"], true, "{:?}", ok.json());
    let feed = Call::get(&format!("{}/1001/feed?access_token={TOKEN}", fb.base_url()))
        .send()
        .expect("answer");
    assert!(feed.json()["data"].as_array().is_some_and(|a| a.is_empty()));
    let scheduled = Call::get(&format!(
        "{}/1001/scheduled_posts?access_token={TOKEN}",
        fb.base_url()
    ))
    .send()
    .expect("answer");
    assert_eq!(
        scheduled.json()["data"][0]["message"],
        "Video hướng dẫn bà con gọi tổng đài"
    );
    assert!(!fb.videos()[0].published);
}

#[test]
fn a_single_request_upload_and_bad_starts() {
    let fb = start();
    let data = video(2000);
    let r = Call::post(&videos_url(&fb))
        .multipart(
            &[("access_token", TOKEN), ("description", "một lần")],
            &[("source", "v.mp4", &data)],
        )
        .send()
        .expect("answer");
    assert!(r.json()["id"].as_str().is_some(), "{:?}", r.json());
    assert_eq!(fb.videos()[0].sha256, sha256(&data));
    assert_eq!(start_upload(&fb, 0).json()["error"]["code"], 100);
    let unknown = transfer(&fb, "nope", 0, b"x").expect("answer");
    assert_eq!(unknown.json()["error"]["code"], 100);
}

//! The Facebook client's resumable video upload against the Graph emulator: drops mid-chunk,
//! lost answers (1363037 carries the offset to resume from), an expired session, and a lost
//! `finish` answer that the read-back finds instead of publishing twice.

mod common;

use common::config;
use std::path::Path;

use chrono::Utc;
use loa_channels::{
    Channel, ChannelKind, Credentials, ErrorClass, PostContent, RemoteMedia, Video, VideoUpload,
};
use loa_emulators::{EndpointMatch, Fault, Faults, GraphEmulator, GraphOptions, sha256};

const SIZE: usize = 1_500_000;

fn video_post(dir: &Path, id: i64) -> (PostContent, Vec<u8>) {
    // Bytes that do not repeat at any chunk size, so a chunk sent at the wrong place shows.
    let mut state = 0x2545_F491_4F6C_DD1Du64 ^ id as u64;
    let bytes: Vec<u8> = (0..SIZE)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    let path = dir.join(format!("video-{id}.mp4"));
    std::fs::write(&path, &bytes).expect("video written");
    let post = PostContent {
        outbox_id: id,
        title: format!("Video hướng dẫn số {id}"),
        text: format!("Hướng dẫn bà con dùng trợ lý Callbot ({id})."),
        photos: Vec::new(),
        video: Some(Video {
            path,
            size: bytes.len() as u64,
            sha256: hex(&sha256(&bytes)),
            upload: VideoUpload::default(),
            remote_id: None,
            remote_url: None,
        }),
        scheduled_at: None,
        slug: format!("video-{id}"),
    };
    (post, bytes)
}

fn hex(d: &[u8; 32]) -> String {
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// What the worker keeps: the last committed state, wire bytes summed.
#[derive(Default)]
struct Stored {
    upload: VideoUpload,
    wire: u64,
    commits: u32,
}

/// One upload call from what is stored, committing like the worker; `after_commit` runs after
/// each commit (to inject faults at a chosen moment).
fn upload(
    ch: &mut dyn Channel,
    post: &mut PostContent,
    stored: &mut Stored,
    after_commit: &mut dyn FnMut(u32),
) -> Result<RemoteMedia, loa_channels::ChannelError> {
    if let Some(v) = post.video.as_mut() {
        v.upload = stored.upload.clone();
    }
    let mut sink = |u: &VideoUpload| {
        stored.wire += u.bytes_sent;
        stored.upload = VideoUpload {
            bytes_sent: 0,
            ..u.clone()
        };
        stored.commits += 1;
        after_commit(stored.commits);
        true
    };
    let result = ch.upload_video(post, &mut sink);
    if let (Ok(remote), Some(v)) = (&result, post.video.as_mut()) {
        v.remote_id = Some(remote.id.clone());
        v.upload = stored.upload.clone();
    }
    result
}

fn open(fb: &GraphEmulator) -> Box<dyn Channel> {
    let creds = Credentials {
        token: fb.token(),
        ..Credentials::default()
    };
    loa_channels::open(config(ChannelKind::Facebook, fb.base_url()), creds)
}

fn publish(ch: &mut dyn Channel, post: &PostContent) -> Result<String, loa_channels::ChannelError> {
    let mut progress = |_: u64| {};
    ch.publish(post, &[], &mut progress).map(|p| p.id)
}

#[test]
fn a_drop_mid_chunk_resumes_from_the_servers_offset_not_from_zero() {
    let dir = tempfile::tempdir().expect("dir");
    let fb = GraphEmulator::start(GraphOptions::default()).expect("graph emulator");
    let mut ch = open(&fb);
    let (mut post, bytes) = video_post(dir.path(), 1);
    let mut stored = Stored::default();
    // After the second chunk is committed, the link drops in the middle of the next one.
    let e = upload(ch.as_mut(), &mut post, &mut stored, &mut |n| {
        if n == 3 {
            fb.set_faults(Faults::script(vec![(
                EndpointMatch::post("/videos"),
                Fault::CloseMidBody,
            )]));
        }
    })
    .expect_err("the link dropped");
    assert_ne!(e.class, ErrorClass::Invalid, "{e:?}");
    let at_drop = stored.upload.start_offset;
    assert!(at_drop > 0, "two chunks were committed before the drop");
    let session = stored.upload.session_id.clone().expect("a session");

    let remote = upload(ch.as_mut(), &mut post, &mut stored, &mut |_| {}).expect("resumed");
    assert_eq!(stored.upload.session_id.as_deref(), Some(session.as_str()));
    let sessions = fb.upload_sessions();
    assert_eq!(sessions.len(), 1, "the same session, resumed");
    assert_eq!(sessions[0].chunks_refused, 0, "nothing resent from zero");
    assert_eq!(sessions[0].received, SIZE as u64);
    // Every byte once, plus the chunk the drop cut (counted whole: on loopback the kernel takes
    // all of it before the reset comes back), plus multipart framing — never the file twice.
    assert!(
        stored.wire >= SIZE as u64 && stored.wire < SIZE as u64 * 2,
        "wire bytes {} for {SIZE}",
        stored.wire
    );

    assert_eq!(publish(ch.as_mut(), &post).expect("finish"), remote.id);
    let videos = fb.videos();
    assert_eq!(videos.len(), 1);
    assert_eq!(videos[0].sha256, sha256(&bytes), "the file, byte for byte");
    assert_eq!(
        videos[0].description,
        format!("{}\n\n{}", post.title, post.text)
    );
}

#[test]
fn a_lost_chunk_answer_is_corrected_by_1363037_and_the_upload_goes_on() {
    let dir = tempfile::tempdir().expect("dir");
    let fb = GraphEmulator::start(GraphOptions::default()).expect("graph emulator");
    let mut ch = open(&fb);
    let (mut post, bytes) = video_post(dir.path(), 2);
    let mut stored = Stored::default();
    // The chunk after the first commit is stored by Facebook, but its answer never arrives.
    let e = upload(ch.as_mut(), &mut post, &mut stored, &mut |n| {
        if n == 2 {
            fb.set_faults(Faults::script(vec![(
                EndpointMatch::post("/videos"),
                Fault::DropAfterHandling,
            )]));
        }
    })
    .expect_err("no answer");
    assert_eq!(e.class, ErrorClass::Ambiguous, "{e:?}");
    let behind = stored.upload.start_offset;
    assert!(
        fb.upload_sessions()[0].received > behind,
        "the server has more"
    );

    upload(ch.as_mut(), &mut post, &mut stored, &mut |_| {}).expect("resumed");
    let s = &fb.upload_sessions()[0];
    assert_eq!(
        s.chunks_refused, 1,
        "one chunk answered with 1363037, then on from there"
    );
    assert_eq!(s.received, SIZE as u64);
    publish(ch.as_mut(), &post).expect("finish");
    assert_eq!(fb.videos()[0].sha256, sha256(&bytes));
}

#[test]
fn an_expired_session_starts_a_new_one() {
    let dir = tempfile::tempdir().expect("dir");
    let fb = GraphEmulator::start(GraphOptions::default()).expect("graph emulator");
    let mut ch = open(&fb);
    let (mut post, bytes) = video_post(dir.path(), 3);
    let mut stored = Stored::default();
    let first = std::cell::Cell::new(true);
    upload(ch.as_mut(), &mut post, &mut stored, &mut |n| {
        // A long sleep of the laptop after the second commit: the session times out.
        if n == 2 && first.replace(false) {
            fb.expire_upload_sessions();
        }
    })
    .expect("uploaded through a new session");
    let sessions = fb.upload_sessions();
    assert_eq!(sessions.len(), 2, "{sessions:?}");
    assert!(sessions[0].expired && !sessions[1].expired);
    assert_eq!(sessions[1].received, SIZE as u64);
    assert_eq!(
        stored.upload.session_id.as_deref(),
        Some(sessions[1].upload_session_id.as_str())
    );
    publish(ch.as_mut(), &post).expect("finish");
    let videos = fb.videos();
    assert_eq!(videos.len(), 1);
    assert_eq!(videos[0].sha256, sha256(&bytes));
}

#[test]
fn a_lost_finish_answer_is_found_by_the_read_back_and_not_published_twice() {
    let dir = tempfile::tempdir().expect("dir");
    let fb = GraphEmulator::start(GraphOptions::default()).expect("graph emulator");
    let mut ch = open(&fb);
    let (mut post, _) = video_post(dir.path(), 4);
    let mut stored = Stored::default();
    let since = Utc::now();
    assert_eq!(
        ch.find_published(&post, since).expect("read back"),
        None,
        "nothing started, nothing there"
    );
    upload(ch.as_mut(), &mut post, &mut stored, &mut |_| {}).expect("uploaded");
    assert_eq!(
        ch.find_published(&post, since).expect("read back"),
        None,
        "uploaded but not finished: not a post yet"
    );
    fb.set_faults(Faults::script(vec![(
        EndpointMatch::post("/videos"),
        Fault::DropAfterHandling,
    )]));
    let e = publish(ch.as_mut(), &post).expect_err("no answer");
    assert_eq!(e.class, ErrorClass::Ambiguous, "{e:?}");
    let found = ch
        .find_published(&post, since)
        .expect("read back")
        .expect("the video is on the Page");
    assert_eq!(
        Some(found.id),
        post.video.as_ref().and_then(|v| v.remote_id.clone())
    );
    assert_eq!(fb.videos().len(), 1);
    assert_eq!(
        fb.posts().iter().filter(|p| p.video.is_some()).count(),
        1,
        "one video post"
    );
}

#[test]
fn a_scheduled_video_is_finished_unpublished_with_its_time() {
    let dir = tempfile::tempdir().expect("dir");
    let fb = GraphEmulator::start(GraphOptions::default()).expect("graph emulator");
    let mut ch = open(&fb);
    let (mut post, _) = video_post(dir.path(), 5);
    post.scheduled_at = Some(Utc::now() + chrono::Duration::hours(5));
    let mut stored = Stored::default();
    upload(ch.as_mut(), &mut post, &mut stored, &mut |_| {}).expect("uploaded");
    publish(ch.as_mut(), &post).expect("finish");
    let v = &fb.videos()[0];
    assert!(!v.published);
    assert_eq!(
        v.scheduled_publish_time,
        post.scheduled_at.map(|t| t.timestamp())
    );
}

/// A WordPress site, a channel to it, and a video post whose file starts like an MP4.
fn wordpress_video(
    dir: &Path,
    seed: i64,
) -> (
    loa_emulators::WordPressEmulator,
    Box<dyn Channel>,
    PostContent,
    Vec<u8>,
) {
    let wp = loa_emulators::WordPressEmulator::start(loa_emulators::WordPressOptions::default())
        .expect("wordpress emulator");
    let creds = Credentials {
        token: wp.app_password(),
        ..Credentials::default()
    };
    let mut cfg = config(ChannelKind::Wordpress, wp.base_url());
    cfg.user = wp.user();
    let ch = loa_channels::open(cfg, creds);
    let (mut post, mut bytes) = video_post(dir, seed);
    // An MP4's first box: WordPress checks the container of a video it is given.
    let ftyp = b"\0\0\0\x18ftypisom\0\0\x02\0isomiso2";
    bytes[..ftyp.len()].copy_from_slice(ftyp);
    if let Some(v) = post.video.as_mut() {
        std::fs::write(&v.path, &bytes).expect("video rewritten");
    }
    (wp, ch, post, bytes)
}

#[test]
fn wordpress_takes_the_video_as_a_media_item_in_a_video_block() {
    let dir = tempfile::tempdir().expect("dir");
    let (wp, mut ch, mut post, bytes) = wordpress_video(dir.path(), 6);
    let mut stored = Stored::default();
    let media = upload(ch.as_mut(), &mut post, &mut stored, &mut |_| {}).expect("uploaded");
    assert_eq!(stored.upload.start_offset, SIZE as u64);
    assert!(stored.wire >= SIZE as u64);
    let mut progress = |_: u64| {};
    let published = ch
        .publish(&post, std::slice::from_ref(&media), &mut progress)
        .expect("published");
    let site = wp.posts();
    let p = site
        .iter()
        .find(|p| p.id.to_string() == published.id)
        .expect("the post");
    let url = media.url.clone().expect("a media URL");
    assert!(p.content.contains("wp:video"), "{}", p.content);
    assert!(
        p.content.contains(&format!("src=\"{url}\"")),
        "{}",
        p.content
    );
    assert_eq!(wp.media_hash_by_url(&url), Some(sha256(&bytes)));
    assert_eq!(wp.media().len(), 1);
}

/// A video the site stored but whose answer was lost is found by its name and used, not
/// uploaded again: the media library (public on a WordPress site) keeps one copy.
#[test]
fn wordpress_finds_a_video_whose_answer_was_lost_instead_of_uploading_it_again() {
    let dir = tempfile::tempdir().expect("dir");
    let (wp, mut ch, mut post, bytes) = wordpress_video(dir.path(), 8);
    wp.set_faults(Faults::script(vec![(
        EndpointMatch::post("/wp/v2/media"),
        Fault::DropAfterHandling,
    )]));
    let mut stored = Stored::default();
    assert!(upload(ch.as_mut(), &mut post, &mut stored, &mut |_| {}).is_err());
    assert_eq!(wp.media().len(), 1, "the site kept the first copy");
    let media = upload(ch.as_mut(), &mut post, &mut stored, &mut |_| {}).expect("again");
    let library = wp.media();
    assert_eq!(library.len(), 1, "no second copy left in the media library");
    assert_eq!(media.id, library[0].id.to_string());
    assert_eq!(library[0].sha256, sha256(&bytes));
}

#[test]
fn the_folder_copies_the_video_with_its_hash_in_the_manifest() {
    let dir = tempfile::tempdir().expect("dir");
    let usb = dir.path().join("usb");
    std::fs::create_dir_all(&usb).expect("usb");
    let mut cfg = config(ChannelKind::Folder, String::new());
    cfg.folder = Some(usb.clone());
    let mut ch = loa_channels::open(cfg, Credentials::default());
    let (post, bytes) = video_post(dir.path(), 7);
    assert!(ch.publishes_photos_inline(&post));
    let mut progress = |_: u64| {};
    let out = ch.publish(&post, &[], &mut progress).expect("written");
    let folder = std::path::PathBuf::from(out.url.expect("the folder"));
    let manifest = loa_channels::folder::read_manifest(&folder).expect("manifest");
    let video = manifest.video.expect("the video in the manifest");
    assert_eq!(video.sha256, hex(&sha256(&bytes)));
    assert_eq!(
        std::fs::read(folder.join(&video.file)).expect("copied"),
        bytes
    );
    // Published again (a retry after a kill): the finished folder is the post.
    let again = ch.publish(&post, &[], &mut progress).expect("again");
    assert_eq!(
        again.url.map(std::path::PathBuf::from),
        Some(folder.clone())
    );
    assert_eq!(std::fs::read_dir(&usb).expect("usb").count(), 1);
}

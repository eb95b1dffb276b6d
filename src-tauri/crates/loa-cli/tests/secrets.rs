//! No secret in any output or file but the credentials store: a captive portal answers the
//! publish and its read-back with a page that echoes the address it intercepted, and the
//! token must not reach `loa.db`, `loa queue list --json` or the terminal.

use loa_emulators::harness::{self, FB, Loa};
use loa_emulators::{
    EndpointMatch, Fault, Faults, GraphEmulator, GraphOptions, WordPressEmulator, WordPressOptions,
    ZaloEmulator, ZaloOptions,
};

#[test]
fn a_captive_portal_leaves_no_token_in_the_outbox_or_the_terminal() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let loa = Loa::new(env!("CARGO_BIN_EXE_loa"), tmp.path().join("profile"));
    let fb = GraphEmulator::start(GraphOptions::default()).expect("graph emulator");
    let zalo = ZaloEmulator::start(ZaloOptions::default()).expect("zalo emulator");
    let wp = WordPressEmulator::start(WordPressOptions::default()).expect("wp emulator");
    let files = tmp.path().join("files");
    let folder = tmp.path().join("usb");
    std::fs::create_dir_all(&files).expect("files dir");
    std::fs::create_dir_all(&folder).expect("folder dir");
    harness::add_channels(&loa, &files, &fb, &zalo, &wp, &folder).expect("channels added");
    let token = fb.token();

    let id = loa
        .new_draft(
            "Thông báo lịch tiêm chủng",
            "Bà con đưa trẻ đến trạm y tế xã.",
        )
        .expect("draft");
    loa.ok(&["queue", "add", &id.to_string(), "--channel", FB])
        .expect("queued");
    // The portal intercepts the publish (its 200 page is no Graph answer: ambiguous) and then
    // the read-back, echoing each address it saw.
    fb.set_faults(Faults::script(vec![
        (
            EndpointMatch::post("/feed"),
            Fault::CaptivePortal { status: 200 },
        ),
        (
            EndpointMatch::get("/feed"),
            Fault::CaptivePortal { status: 200 },
        ),
        (
            EndpointMatch::get("/feed"),
            Fault::CaptivePortal { status: 302 },
        ),
    ]));
    let sync = loa.run(&["sync", "--once"]).expect("sync runs");
    assert!(
        fb.server().faults_remaining() < 3,
        "the portal answered: {sync:?}"
    );
    let list = loa.ok(&["queue", "list", "--json"]).expect("queue list");
    let human = loa.ok(&["queue", "list"]).expect("queue list");
    let stored: Vec<u8> = ["loa.db", "loa.db-wal"]
        .iter()
        .filter_map(|f| std::fs::read(tmp.path().join("profile").join(f)).ok())
        .flatten()
        .collect();
    let stored = String::from_utf8_lossy(&stored);

    assert!(list.stdout.contains("\"last_error\""), "{}", list.stdout);
    for (what, text) in [
        ("sync stdout", sync.stdout.as_str()),
        ("sync stderr", sync.stderr.as_str()),
        ("queue list --json", list.stdout.as_str()),
        ("queue list", human.stdout.as_str()),
        ("loa.db", &stored),
    ] {
        assert!(!text.contains(&token), "the token leaked into {what}");
    }
}

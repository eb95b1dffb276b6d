//! "Refresh reach" against the Graph emulator: progress to the end, a Page without a token, and
//! an expired token holding the channel for a reconnect with what was read before kept.

use std::sync::Arc;
use std::time::Duration;

use loa_core::{ChannelKind, ChannelStatus, NewChannel, Store};
use loa_emulators::{EndpointMatch, Fault, Faults, GraphEmulator, GraphOptions};
use loa_publish::reach::{self, RefreshStatus};
use loa_publish::{ChannelSecrets, CredentialStore, MemoryStore, save_channel};
use loa_report::Period;

fn page(
    store: &Store,
    creds: &dyn CredentialStore,
    fb: &GraphEmulator,
    name: &str,
    token: &str,
) -> i64 {
    save_channel(
        store,
        creds,
        &NewChannel {
            name: name.into(),
            kind: Some(ChannelKind::Facebook),
            base_url: fb.base_url(),
            page_id: fb.page_id(),
            ..NewChannel::default()
        },
        &ChannelSecrets {
            token: token.into(),
            ..ChannelSecrets::default()
        },
    )
    .expect("channel saved")
    .0
    .id
}

#[test]
fn a_refresh_reads_each_page_to_the_end_and_says_which_could_not_be_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let creds: Arc<dyn CredentialStore> = Arc::new(MemoryStore::default());
    let fb = GraphEmulator::start(GraphOptions::default()).expect("emulator");
    page(&store, creds.as_ref(), &fb, "Trang xã", &fb.token());
    // A second Page whose token was never given.
    let second = page(&store, creds.as_ref(), &fb, "Trang bản", "t");
    creds.delete(second).expect("forget the token");

    let mut seen = Vec::new();
    let out = reach::refresh(&store, &creds, Duration::from_secs(10), &mut |p| {
        seen.push((p.channel.clone(), p.done, p.total));
    })
    .expect("refresh");
    assert_eq!(out.channels.len(), 2);
    let first = &out.channels[0];
    assert_eq!(first.status, RefreshStatus::Done, "{first:?}");
    assert!(first.readings > 0);
    assert!(first.not_available.is_empty(), "{first:?}");
    // Progress goes up to its total, one step per call.
    let steps: Vec<_> = seen.iter().filter(|(c, ..)| c == "Trang xã").collect();
    assert!(steps.windows(2).all(|w| w[0].1 < w[1].1));
    let last = steps.last().expect("progress");
    assert_eq!(last.1, last.2);
    let missing = &out.channels[1];
    assert_eq!(missing.status, RefreshStatus::MissingCredentials);
    assert_eq!(
        missing.error.as_ref().map(|e| e.message_id.as_str()),
        Some("error-missing-credentials")
    );
    assert!(!out.complete());

    // The followers the day before this month started are stored, and a report shows them.
    let today = loa_report::period::vietnam_date(chrono::Utc::now());
    let month = Period::parse(&today.format("%Y-%m").to_string()).expect("month");
    let r = reach::report(&store, &month).expect("report");
    assert_eq!(r.reach.metrics["followers_start"], Some(1000));
    assert!(r.reach.read_at.is_some());
}

#[test]
fn an_expired_token_holds_the_page_for_a_reconnect() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let creds: Arc<dyn CredentialStore> = Arc::new(MemoryStore::default());
    let fb = GraphEmulator::start(GraphOptions::default()).expect("emulator");
    let id = page(&store, creds.as_ref(), &fb, "Trang xã", &fb.token());
    fb.set_faults(Faults::script(vec![(
        EndpointMatch::get("/insights/page_views_total"),
        Fault::ExpiredToken,
    )]));
    let out =
        reach::refresh(&store, &creds, Duration::from_secs(10), &mut |_| {}).expect("refresh");
    let c = &out.channels[0];
    assert_eq!(c.status, RefreshStatus::NeedsReconnect, "{c:?}");
    assert!(
        c.readings > 0,
        "the measures read before the error are kept"
    );
    assert_eq!(
        store.publishing().channel(id).expect("channel").status,
        ChannelStatus::NeedsReconnect
    );
}

//! Two workers (two database connections, as two `loa sync` processes would have) drain the
//! same outbox at the same time on the real clock: every post goes out exactly once.

mod common;

use std::sync::Arc;

use chrono::Duration;
use common::{FakeFactory, Platform};
use loa_core::{ChannelKind, NewChannel, NewDraft, OutboxState, Store, SystemClock};
use loa_publish::{
    CredentialStore, Deps, MemoryStore, RealSleeper, SystemRng, Worker, WorkerConfig,
};

fn fast() -> WorkerConfig {
    let mut c = WorkerConfig::default().scaled(0.01);
    c.lease_ttl = Duration::seconds(2);
    c.heartbeat = std::time::Duration::from_millis(300);
    c.idle_probe = None;
    c.once_patience = Duration::seconds(10);
    c
}

#[test]
fn two_workers_never_publish_the_same_post() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Arc::new(Store::open(dir.path()).expect("open"));
    let creds: Arc<MemoryStore> = Arc::new(MemoryStore::default());
    let platform = Platform::new(Arc::new(SystemClock));
    platform.state().publish_delay = Some(std::time::Duration::from_millis(15));
    let mut channels = Vec::new();
    for (name, kind) in [
        ("Trang xã", ChannelKind::Facebook),
        ("Web", ChannelKind::Wordpress),
    ] {
        let (ch, _) = loa_publish::save_channel(
            &store,
            creds.as_ref(),
            &NewChannel {
                name: name.into(),
                kind: Some(kind),
                page_id: "1001".into(),
                base_url: "http://127.0.0.1:9".into(),
                spacing_secs: Some(0),
                ..NewChannel::default()
            },
            &loa_publish::ChannelSecrets {
                token: "tok".into(),
                ..Default::default()
            },
        )
        .expect("channel");
        channels.push(ch.id);
    }
    let mut ids = Vec::new();
    for i in 0..12 {
        let d = store
            .drafts()
            .create(&NewDraft {
                title: format!("Thông báo số {i}"),
                body: format!("Nội dung thông báo số {i}."),
                ..NewDraft::default()
            })
            .expect("draft")
            .id;
        for ch in &channels {
            ids.push(store.publishing().queue(d, *ch, None).expect("queue").id);
        }
    }
    // Some publishes answer ambiguously after acting: read-backs race too.
    for _ in 0..4 {
        platform.script(
            common::Op::Publish,
            common::Fault::ActThen(loa_channels::ErrorClass::Ambiguous),
        );
    }
    let workers: Vec<std::thread::JoinHandle<loa_publish::SyncReport>> = (0..2)
        .map(|n| {
            // Each worker has its own connection, like a separate process.
            let store = Arc::new(Store::open(dir.path()).expect("open"));
            let deps = Deps {
                factory: Arc::new(FakeFactory(platform.clone())),
                credentials: creds.clone() as Arc<dyn CredentialStore>,
                sleeper: Arc::new(RealSleeper),
                rng: Box::new(SystemRng::with_seed(n)),
            };
            std::thread::spawn(move || {
                Worker::new(store, deps, fast())
                    .run_once()
                    .expect("worker runs")
            })
        })
        .collect();
    let reports: Vec<_> = workers
        .into_iter()
        .map(|w| w.join().expect("worker thread"))
        .collect();
    let published: u32 = reports.iter().map(|r| r.published).sum();
    assert_eq!(
        published as usize,
        ids.len(),
        "each item published by exactly one worker"
    );
    let posts = platform.posts();
    for id in &ids {
        assert_eq!(
            store.publishing().outbox_item(*id).expect("item").state,
            OutboxState::Published
        );
        assert_eq!(
            posts.iter().filter(|p| p.outbox_id == *id).count(),
            1,
            "item {id}"
        );
    }
    assert_eq!(posts.len(), ids.len());
}

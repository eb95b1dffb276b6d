//! Kills at every moment: the worker dies inside each channel call (before or after the call
//! took effect) and between every two steps, then a new worker (another process, as far as the
//! lease knows) finishes the job. Nothing is ever published twice, no recorded photo is uploaded
//! again, and the post carries its photos in order.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

use chrono::Duration;
use common::{CRASH, Fault, Op, Rig, config};
use loa_channels::ErrorClass;
use loa_core::{ChannelKind, OutboxPort, OutboxState};
use loa_publish::WorkerConfig;

/// Keeps the simulated crashes out of the test output; real panics still print.
fn quiet_crashes() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if info.payload().downcast_ref::<&str>() != Some(&CRASH) {
                default(info);
            }
        }));
    });
}

fn patient() -> WorkerConfig {
    WorkerConfig {
        once_patience: Duration::hours(1),
        ..config()
    }
}

/// Two posts on a website channel: one with three photos, one text only. `ambiguous` adds an
/// ambiguous publish that went out and one that did not.
fn setup(ambiguous: bool) -> (Rig, Vec<i64>) {
    let rig = Rig::new();
    let ch = rig.channel("Cổng TTĐT", ChannelKind::Wordpress, 0);
    let a = rig.draft("Hội nghị tổng kết", "Sáng nay UBND xã tổ chức hội nghị.");
    rig.photos(a, 3);
    let b = rig.draft("Lịch tiếp dân", "Chủ tịch tiếp dân sáng thứ Năm.");
    let ids = vec![rig.queue(a, ch), rig.queue(b, ch)];
    if ambiguous {
        rig.platform
            .script(Op::Publish, Fault::ActThen(ErrorClass::Ambiguous));
        rig.platform
            .script(Op::Publish, Fault::Fail(ErrorClass::Ambiguous));
    }
    (rig, ids)
}

/// A new worker after the dead one's lease ran out; runs until everything is settled.
fn restart_and_finish(rig: &Rig, seed: u64) {
    rig.advance(patient().lease_ttl + Duration::seconds(1));
    let mut w = rig.worker_on(rig.store.clone(), patient(), seed);
    w.run_once().expect("the next worker finishes");
}

/// What must hold after any crash. `orphans`: uploads that took effect but whose id the crash
/// kept from being recorded (at most the one the crash interrupted).
fn check(rig: &Rig, ids: &[i64], orphans_allowed: usize, what: &str) {
    let posts = rig.platform.posts();
    for id in ids {
        let item = rig.store.publishing().outbox_item(*id).expect("item");
        assert_eq!(item.state, OutboxState::Published, "{what}: item {id}");
        let copies: Vec<_> = posts.iter().filter(|p| p.outbox_id == *id).collect();
        assert_eq!(
            copies.len(),
            1,
            "{what}: item {id} published {} times",
            copies.len()
        );
        let recorded: Vec<String> = item
            .media
            .iter()
            .map(|m| m.remote_id.clone().expect("recorded"))
            .collect();
        assert_eq!(copies[0].media, recorded, "{what}: photos in order");
        assert_eq!(item.remote_id.as_deref(), Some(copies[0].id.as_str()));
    }
    let uploads = rig.platform.uploads();
    let recorded: Vec<String> = ids
        .iter()
        .flat_map(|id| rig.store.publishing().outbox_item(*id).expect("item").media)
        .filter_map(|m| m.remote_id)
        .collect();
    for r in &recorded {
        assert_eq!(
            uploads.iter().filter(|u| &u.id == r).count(),
            1,
            "{what}: recorded upload {r}"
        );
    }
    let orphans = uploads.len() - recorded.len();
    assert!(
        orphans <= orphans_allowed,
        "{what}: {orphans} photos uploaded twice (allowed {orphans_allowed})"
    );
    for index in 0..3 {
        let n = uploads
            .iter()
            .filter(|u| u.outbox_id == ids[0] && u.index == index)
            .count();
        assert!(
            n >= 1 && n <= 1 + orphans_allowed,
            "{what}: photo {index} uploaded {n} times"
        );
    }
}

#[test]
fn a_crash_inside_any_call_never_publishes_twice() {
    quiet_crashes();
    for ambiguous in [false, true] {
        let mut at = 0;
        loop {
            let mut any_crash = false;
            for acted in [false, true] {
                let (rig, ids) = setup(ambiguous);
                rig.platform.state().crash_at_call = Some((at, acted));
                let mut w = rig.worker(patient());
                let outcome = catch_unwind(AssertUnwindSafe(|| w.run_once()));
                let crashed = match outcome {
                    Err(payload) => {
                        assert_eq!(payload.downcast_ref::<&str>(), Some(&CRASH));
                        true
                    }
                    Ok(r) => {
                        r.expect("run");
                        false
                    }
                };
                // The dead worker's lease is left behind, as after a kill.
                drop(w);
                any_crash |= crashed;
                let op = rig.platform.state().calls.get(at).copied();
                restart_and_finish(&rig, 100 + at as u64);
                let orphans = usize::from(crashed && acted && op == Some(Op::Upload));
                check(
                    &rig,
                    &ids,
                    orphans,
                    &format!("crash at call {at} ({op:?}, acted {acted}, ambiguous {ambiguous})"),
                );
            }
            if !any_crash {
                break;
            }
            at += 1;
        }
        assert!(at >= if ambiguous { 8 } else { 5 }, "calls made: {at}");
    }
}

#[test]
fn a_kill_between_any_two_steps_never_publishes_twice() {
    for ambiguous in [false, true] {
        let mut k = 0;
        loop {
            let (rig, ids) = setup(ambiguous);
            let mut w = rig.worker(patient());
            let mut finished = false;
            for _ in 0..k {
                let t = w.tick(true).expect("tick");
                if t.active == 0 {
                    finished = true;
                    break;
                }
                if !t.worked {
                    let wake = t.wake.expect("something to wait for");
                    rig.advance((wake - rig.now()).max(Duration::milliseconds(1)));
                }
            }
            // Killed: no release, no goodbye.
            drop(w);
            restart_and_finish(&rig, 200 + k);
            check(
                &rig,
                &ids,
                0,
                &format!("kill after {k} steps (ambiguous {ambiguous})"),
            );
            if finished {
                break;
            }
            k += 1;
        }
        assert!(k >= 8, "the scenario takes at least eight steps ({k})");
    }
}

#[test]
fn a_killed_process_lease_is_taken_over_only_when_it_runs_out() {
    let (rig, ids) = setup(false);
    let mut w = rig.worker(patient());
    w.tick(true).expect("tick");
    drop(w);
    // Same process, so it is not known to be dead: the next worker waits for the lease.
    let mut next = rig.worker_on(rig.store.clone(), patient(), 9);
    let t = next.tick(true).expect("tick");
    assert!(!t.worked);
    let wake = t.wake.expect("lease end");
    assert!(wake > rig.now() && wake - rig.now() <= patient().lease_ttl);
    next.run_once().expect("run");
    check(&rig, &ids, 0, "after the lease ran out");
}

#[test]
fn a_lease_of_a_process_gone_from_this_machine_is_taken_at_once() {
    // A pid that cannot be running: beyond the kernel's pid limit.
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_owned())
        .unwrap_or_default();
    if !cfg!(target_os = "linux") || host.is_empty() {
        eprintln!("skipped: needs Linux /proc");
        return;
    }
    let dead = format!("{host}:4294967:abc");
    assert!(loa_publish::owner_is_dead(&dead));
    assert!(!loa_publish::owner_is_dead(&format!(
        "{host}:{}:abc",
        std::process::id()
    )));
    assert!(!loa_publish::owner_is_dead("another-host:1:abc"));
    let (rig, ids) = setup(false);
    let ch = rig
        .store
        .publishing()
        .outbox_item(ids[0])
        .expect("item")
        .channel_id;
    let held = rig
        .store
        .lease_channel(ch, &dead, Duration::minutes(10), &|_| false)
        .expect("lease");
    assert_eq!(held, loa_core::LeaseOutcome::Acquired);
    let start = rig.now();
    rig.worker(patient()).run_once().expect("run");
    assert!(
        rig.now() - start < Duration::minutes(1),
        "no wait for a dead process"
    );
    check(&rig, &ids, 0, "dead owner");
}

//! `loa sync [--once]`: the outbox worker in the foreground. Ctrl-C (or SIGTERM) stops it
//! between two steps; a second Ctrl-C exits at once, which is safe too: a post found in
//! `publishing` by the next run is read back, never published again blindly.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

use loa_core::{ChannelStatus, LoaError, Localizer, Store};
use loa_publish::{
    ChannelReport, Event, PublishingService, RunMode, SyncReport, Waiting, WorkerConfig,
};
use serde::Serialize;

use crate::Outcome;
use crate::args::SyncArgs;
use crate::{channel, out, queue};

/// `sync --once --json`: what the run did, what is left, and every item.
#[derive(Debug, Serialize)]
struct Report<'a> {
    #[serde(flatten)]
    report: &'a SyncReport,
    items: Vec<queue::Row<'a>>,
}

fn interrupt_flag() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        // Registered first: a second signal, arriving once the flag is set, exits at once.
        let _ = signal_hook::flag::register_conditional_shutdown(sig, 1, flag.clone());
        let _ = signal_hook::flag::register(sig, flag.clone());
    }
    flag
}

struct Printer<'a> {
    l10n: &'a Localizer,
    store: &'a Store,
    names: BTreeMap<i64, String>,
}

impl Printer<'_> {
    fn channel(&mut self, id: i64) -> String {
        if !self.names.contains_key(&id)
            && let Ok(c) = self.store.publishing().channel(id)
        {
            self.names.insert(id, c.name);
        }
        self.names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    fn line(&mut self, e: &Event) -> Option<String> {
        let l10n = self.l10n;
        Some(match e {
            Event::ItemState {
                id,
                channel_id,
                state,
            } => l10n.msg_with(
                "publish-item-line",
                &[
                    ("id", id.to_string()),
                    ("channel", self.channel(*channel_id)),
                    (
                        "state",
                        l10n.msg(&format!("publish-state-{}", state.as_str())),
                    ),
                ],
            ),
            Event::Progress { .. } => return None,
            Event::ChannelHeld {
                channel_id,
                status,
                until,
            } => {
                let id = match status {
                    ChannelStatus::NeedsReconnect => "publish-sync-needs-reconnect",
                    ChannelStatus::Throttled => "publish-sync-throttled",
                    ChannelStatus::Paused | ChannelStatus::Ok => return None,
                };
                l10n.msg_with(
                    id,
                    &[
                        ("channel", self.channel(*channel_id)),
                        ("until", until.clone().unwrap_or_default()),
                    ],
                )
            }
            Event::ChannelResumed { channel_id } => l10n.msg_with(
                "publish-sync-resumed",
                &[("channel", self.channel(*channel_id))],
            ),
            Event::Online { channel_id } => l10n.msg_with(
                "publish-sync-online",
                &[("channel", self.channel(*channel_id))],
            ),
            Event::Offline { channel_id } => l10n.msg_with(
                "publish-sync-offline",
                &[("channel", self.channel(*channel_id))],
            ),
            Event::BatchDone {
                published,
                failed,
                unconfirmed,
            } => l10n.msg_with(
                "publish-sync-batch-done",
                &[
                    ("published", published.to_string()),
                    ("failed", failed.to_string()),
                    ("unconfirmed", unconfirmed.to_string()),
                ],
            ),
            Event::NeedsAttention {
                id,
                channel_id,
                state,
                link,
            } => l10n.msg_with(
                "publish-sync-needs-attention",
                &[
                    ("id", id.to_string()),
                    ("channel", self.channel(*channel_id)),
                    (
                        "state",
                        l10n.msg(&format!("publish-state-{}", state.as_str())),
                    ),
                    ("link", link.clone().unwrap_or_default()),
                ],
            ),
            Event::CredentialsNotSaved { channel_id } => l10n.msg_with(
                "publish-sync-credentials-not-saved",
                &[("channel", self.channel(*channel_id))],
            ),
        })
    }
}

/// "Trang xã: 1 bài chờ … đến 14:30 07/12/2026" — what a channel waits for, in local time.
fn waiting_line(l10n: &Localizer, ch: &ChannelReport, w: &Waiting) -> String {
    let until = w
        .until
        .as_deref()
        .and_then(loa_core::clock::parse_ts)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%H:%M %d/%m/%Y")
                .to_string()
        })
        .unwrap_or_default();
    l10n.msg_with(
        &format!("publish-sync-waiting-{}", w.reason.as_str()),
        &[
            ("channel", ch.name.clone()),
            ("count", ch.pending.to_string()),
            ("until", until),
        ],
    )
}

pub fn run(
    store: &Arc<Store>,
    l10n: &Localizer,
    args: &SyncArgs,
    json: bool,
) -> Result<Outcome, LoaError> {
    let credentials = channel::credentials(store, l10n)?;
    let mode = if args.once {
        RunMode::Once
    } else {
        RunMode::Forever
    };
    // The worker runs on its own thread; this one prints (the Localizer is not thread-safe).
    let (service, events) = PublishingService::start(
        store.clone(),
        Arc::from(credentials),
        mode,
        WorkerConfig::from_env(),
    )?;
    let interrupted = interrupt_flag();
    let mut printer = Printer {
        l10n,
        store,
        names: BTreeMap::new(),
    };
    let mut stopping = false;
    loop {
        match events.recv_timeout(Duration::from_millis(100)) {
            Ok(e) => {
                if json && !args.once {
                    out::line(&serde_json::to_string(&e).unwrap_or_default());
                } else if !json && let Some(line) = printer.line(&e) {
                    out::line(&line);
                }
                continue;
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
        if interrupted.load(Ordering::SeqCst) && !stopping {
            stopping = true;
            service.handle().stop();
            eprintln!("loa: {}", l10n.msg("publish-sync-stopping"));
        }
        if service.is_finished() {
            break;
        }
    }
    let Ok(result) = service.join() else {
        eprintln!("loa: {}", l10n.msg("publish-sync-crashed"));
        return Ok(Outcome::Partial);
    };
    let Some(report) = result? else {
        return Ok(Outcome::Ok);
    };
    if json {
        let items = store.publishing().outbox()?;
        out::json(&Report {
            report: &report,
            items: items.iter().map(queue::row).collect(),
        });
    } else {
        out::line(&l10n.msg_with(
            "publish-sync-summary",
            &[
                ("published", report.published.to_string()),
                ("failed", report.counts.failed.to_string()),
                ("unconfirmed", report.counts.unconfirmed.to_string()),
                ("pending", report.counts.active().to_string()),
            ],
        ));
        for ch in &report.channels {
            if let Some(w) = &ch.waiting {
                out::line(&waiting_line(l10n, ch, w));
            }
        }
    }
    Ok(if report.needs_officer() {
        Outcome::Partial
    } else {
        Outcome::Ok
    })
}

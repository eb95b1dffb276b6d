//! Every Fluent id the command line asks for exists in both languages.

use loa_core::{Lang, Localizer};

#[test]
fn cli_message_ids_exist_in_both_languages() {
    let src_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut ids = Vec::new();
    for entry in std::fs::read_dir(&src_dir).expect("src") {
        let src = std::fs::read_to_string(entry.expect("entry").path()).expect("read");
        for prefix in ["\"cli-", "\"publish-"] {
            let mut rest = src.as_str();
            while let Some(i) = rest.find(prefix) {
                let tail = &rest[i + 1..];
                let end = tail.find('"').expect("closing quote");
                // `format!` patterns are checked below, with every value they take.
                if !tail[..end].contains('{') {
                    ids.push(tail[..end].to_owned());
                }
                rest = &tail[end..];
            }
        }
    }
    assert!(ids.len() >= 5, "found the ids the CLI uses: {ids:?}");
    for lang in Lang::ALL {
        let l = Localizer::new(lang);
        for id in &ids {
            assert!(l.has(id), "{id} missing in locales/{lang}");
        }
    }
}

#[test]
fn every_outbox_state_and_channel_status_has_a_name() {
    for lang in Lang::ALL {
        let l = Localizer::new(lang);
        for s in loa_core::OutboxState::ALL {
            let id = format!("publish-state-{}", s.as_str());
            assert!(l.has(&id), "{id} missing in locales/{lang}");
        }
        for s in [
            loa_core::ChannelStatus::Ok,
            loa_core::ChannelStatus::Paused,
            loa_core::ChannelStatus::Throttled,
            loa_core::ChannelStatus::NeedsReconnect,
        ] {
            let id = format!("publish-channel-status-{}", s.as_str());
            assert!(l.has(&id), "{id} missing in locales/{lang}");
        }
        // A text-only post passes through media_uploaded too: its name must not say that
        // photos were sent.
        let ready = l.msg("publish-state-media_uploaded").to_lowercase();
        assert!(
            !ready.contains("ảnh") && !ready.contains("photo"),
            "{lang}: {ready}"
        );
        for w in loa_publish::WaitReason::ALL {
            // The JSON name (`sync --once --json`) and the message id agree.
            assert_eq!(serde_json::to_value(w).expect("json"), w.as_str());
            let id = format!("publish-sync-waiting-{}", w.as_str());
            assert!(l.has(&id), "{id} missing in locales/{lang}");
        }
    }
}

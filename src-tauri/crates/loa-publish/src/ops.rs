//! The officer's publishing actions that need more than the core: saving a channel with its
//! secrets, testing a connection. (Queueing is the core's `store.publishing().queue`, which
//! applies the checks and the platforms' limits itself.)

use loa_channels::Credentials;
use loa_core::{ChannelInfo, LoaError, NewChannel, Result, Store};
use serde::{Deserialize, Serialize};

use crate::convert;
use crate::credentials::CredentialStore;
use crate::deps::ChannelFactory;

/// Secrets typed in the channel form or read from files by `loa channel add`. A blank field
/// keeps what is stored, unless the channel now points elsewhere (see [`save_channel`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct ChannelSecrets {
    /// Facebook page token, Zalo access token, WordPress application password.
    pub token: String,
    pub refresh_token: String,
    pub app_id: String,
    pub secret_key: String,
}

impl ChannelSecrets {
    fn field(s: &str) -> Option<String> {
        Some(s.trim().to_owned()).filter(|s| !s.is_empty())
    }

    fn is_blank(&self) -> bool {
        [
            &self.token,
            &self.refresh_token,
            &self.app_id,
            &self.secret_key,
        ]
        .iter()
        .all(|s| Self::field(s).is_none())
    }

    /// `stored` with the typed fields over it; `None` when nothing was typed (keep `stored`).
    pub fn merged(&self, stored: Option<Credentials>) -> Option<Credentials> {
        if self.is_blank() {
            return None;
        }
        let mut c = stored.unwrap_or_default();
        if let Some(t) = Self::field(&self.token) {
            c.token = t;
        }
        c.refresh_token = Self::field(&self.refresh_token).or(c.refresh_token);
        c.app_id = Self::field(&self.app_id).or(c.app_id);
        c.secret_key = Self::field(&self.secret_key).or(c.secret_key);
        Some(c)
    }
}

/// Whether saving `input` moves an existing channel to another address: another API base,
/// page or user. Its stored secret belonged to the old address.
fn moves(old: &ChannelInfo, input: &NewChannel) -> bool {
    let base = match input.base_url.trim() {
        "" => old.kind.default_base_url(),
        b => b.trim_end_matches('/'),
    };
    base != old.base_url || input.page_id.trim() != old.page_id || input.user.trim() != old.user
}

/// Creates or updates a channel and stores its secrets (never in the database). The rule for
/// secrets, the same for the window and the command line:
/// - a blank field keeps the stored secret;
/// - a channel whose address changes (API base, page or user) forgets its stored secrets: a
///   new access token must come with the change, or the save is refused
///   ([`LoaError::ChannelSecretNeeded`]) before anything is written.
///
/// Updating a channel that needed reconnecting lifts the hold: this is how a new token arrives.
/// Returns the channel and whether it existed.
pub fn save_channel(
    store: &Store,
    credentials: &dyn CredentialStore,
    input: &NewChannel,
    typed: &ChannelSecrets,
) -> Result<(ChannelInfo, bool)> {
    let existing = match store.publishing().channel_by_name(&input.name) {
        Ok(c) => Some(c),
        Err(LoaError::ChannelNotFound { .. }) => None,
        Err(e) => return Err(e),
    };
    let moved = existing.as_ref().is_some_and(|old| moves(old, input));
    let stored = match &existing {
        Some(old) if !moved => credentials.get(old.id)?,
        _ => None,
    };
    let secrets = typed.merged(stored);
    let needs_secret = input.kind != Some(loa_core::ChannelKind::Folder);
    if moved && needs_secret && secrets.as_ref().is_none_or(|s| s.token.trim().is_empty()) {
        return Err(LoaError::ChannelSecretNeeded {
            channel: input.name.trim().to_owned(),
        });
    }
    let (channel, updated) = store.publishing().save_channel(input)?;
    if let Some(secrets) = secrets {
        credentials.set(channel.id, &secrets)?;
    }
    Ok((channel, updated))
}

/// "Test connection": checks the credentials against the platform and returns the page, OA or
/// site name. A channel held for reconnecting is released when the test passes.
pub fn test_channel(
    store: &Store,
    credentials: &std::sync::Arc<dyn CredentialStore>,
    factory: &dyn ChannelFactory,
    channel_id: i64,
) -> Result<String> {
    let publishing = store.publishing();
    let channel = publishing.channel(channel_id)?;
    let creds = match credentials.get(channel_id)? {
        Some(c) => c,
        None if channel.kind == loa_core::ChannelKind::Folder => Credentials::default(),
        None => {
            return Err(LoaError::MissingCredentials {
                channel: channel.name,
            });
        }
    };
    let host = match channel.image_host_channel_id {
        Some(h) => {
            let host = publishing.channel(h)?;
            let creds = credentials.get(h)?.unwrap_or_default();
            Some((host, creds))
        }
        None => None,
    };
    let config = convert::config(
        &channel,
        crate::WorkerConfig::default().request_timeout,
        host.as_ref().map(|(h, c)| (h, c.clone())),
    );
    let mut client = factory.open(config, creds);
    let sink_store = credentials.clone();
    client.set_credential_sink(Box::new(move |fresh| {
        // Also returned below; storing it at once survives a kill mid-call.
        let _ = sink_store.set(channel_id, fresh);
    }));
    let result = client.verify();
    if let Some(fresh) = client.take_refreshed_credentials() {
        credentials.set(channel_id, &fresh)?;
    }
    match result {
        Ok(name) => {
            if channel.status == loa_core::ChannelStatus::NeedsReconnect {
                publishing.clear_channel_hold(channel_id)?;
            }
            Ok(name)
        }
        Err(e) => Err(LoaError::ChannelFailed {
            channel: channel.name,
            reason: e.reason().to_owned(),
            code: e.code,
            message: e.message,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(token: &str, refresh: &str) -> ChannelSecrets {
        ChannelSecrets {
            token: token.into(),
            refresh_token: refresh.into(),
            ..ChannelSecrets::default()
        }
    }

    #[test]
    fn blank_secret_fields_keep_the_stored_ones() {
        let stored = Credentials {
            token: "old".into(),
            refresh_token: Some("r-old".into()),
            app_id: Some("app".into()),
            secret_key: Some("sk".into()),
        };
        assert!(typed("  ", "").merged(Some(stored.clone())).is_none());
        let c = typed(" new \n", "").merged(Some(stored)).expect("typed");
        assert_eq!(c.token, "new");
        assert_eq!(c.refresh_token.as_deref(), Some("r-old"));
        assert_eq!(c.app_id.as_deref(), Some("app"));
        let fresh = typed("t", "r").merged(None).expect("typed");
        assert_eq!(
            (fresh.token.as_str(), fresh.refresh_token.as_deref()),
            ("t", Some("r"))
        );
        assert!(fresh.secret_key.is_none());
    }

    #[test]
    fn a_channel_that_points_elsewhere_needs_its_secret_again() {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open(dir.path()).expect("store");
        let creds = crate::MemoryStore::default();
        let mut input = NewChannel {
            name: "Trang xã".into(),
            kind: Some(loa_core::ChannelKind::Facebook),
            page_id: "1001".into(),
            ..NewChannel::default()
        };
        let (ch, _) = save_channel(&store, &creds, &input, &typed("t1", "")).expect("added");
        // Same address, blank secret: the stored token stays.
        save_channel(&store, &creds, &input, &typed("", "")).expect("kept");
        assert_eq!(creds.get(ch.id).expect("get").expect("some").token, "t1");
        // Another page, blank secret: refused, nothing changed.
        input.page_id = "2002".into();
        assert!(matches!(
            save_channel(&store, &creds, &input, &typed("", "")),
            Err(LoaError::ChannelSecretNeeded { .. })
        ));
        assert_eq!(
            store.publishing().channel(ch.id).expect("ch").page_id,
            "1001"
        );
        // Another page with its token: saved, and only the new token is kept.
        save_channel(&store, &creds, &input, &typed("t2", "")).expect("moved");
        let kept = creds.get(ch.id).expect("get").expect("some");
        assert_eq!((kept.token.as_str(), kept.refresh_token), ("t2", None));
    }
}

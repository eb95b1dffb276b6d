//! `loa channel …`: the places posts go. Secrets are read from files (never from the command
//! line, where they would land in the shell history) and kept in the OS keyring.

use std::path::Path;

use loa_core::{ChannelInfo, ChannelKind, LoaError, Localizer, NewChannel, Store};
use loa_publish::{ChannelSecrets, CredentialStore, PlatformChannels};
use serde::Serialize;

use crate::Outcome;
use crate::args::{ChannelAddKind, ChannelCommand};
use crate::out;

/// Opens the credential store of the profile; the fallback file says so on stderr.
pub fn credentials(store: &Store, l10n: &Localizer) -> Result<Box<dyn CredentialStore>, LoaError> {
    let file = store.dir().join(loa_publish::credentials::FILE_NAME);
    let warning = l10n
        .msg_with(
            "publish-credentials-file-warning",
            &[("path", file.display().to_string())],
        )
        .replace(['\n', '\r'], " ");
    loa_publish::credentials::open(store.dir(), move |_| eprintln!("loa: {warning}"))
}

/// A secret from a file, without the trailing newline an editor adds.
pub fn secret(path: &Path) -> Result<String, LoaError> {
    let text = std::fs::read_to_string(path).map_err(|source| LoaError::ReadFile {
        path: path.to_path_buf(),
        source,
    })?;
    let text = text.trim().to_owned();
    if text.is_empty() {
        return Err(LoaError::FileEmpty {
            path: path.to_path_buf(),
        });
    }
    Ok(text)
}

fn optional_secret(path: Option<&Path>) -> Result<Option<String>, LoaError> {
    path.map(secret).transpose()
}

/// The channel and its secrets from the command line.
fn parse(kind: &ChannelAddKind) -> Result<(NewChannel, Option<ChannelSecrets>), LoaError> {
    Ok(match kind {
        ChannelAddKind::Facebook {
            common,
            page_id,
            token_file,
            base_url,
        } => (
            NewChannel {
                name: common.name.clone(),
                kind: Some(ChannelKind::Facebook),
                base_url: base_url.clone().unwrap_or_default(),
                page_id: page_id.trim().to_owned(),
                spacing_secs: common.spacing,
                ..NewChannel::default()
            },
            Some(ChannelSecrets {
                token: secret(token_file)?,
                ..ChannelSecrets::default()
            }),
        ),
        ChannelAddKind::Zalo {
            common,
            token_file,
            refresh_token_file,
            app_id,
            secret_key_file,
            base_url,
            image_host,
        } => (
            NewChannel {
                name: common.name.clone(),
                kind: Some(ChannelKind::Zalo),
                base_url: base_url.clone().unwrap_or_default(),
                spacing_secs: common.spacing,
                image_host: image_host.clone(),
                ..NewChannel::default()
            },
            Some(ChannelSecrets {
                token: secret(token_file)?,
                refresh_token: optional_secret(refresh_token_file.as_deref())?.unwrap_or_default(),
                app_id: app_id
                    .as_deref()
                    .map(str::trim)
                    .unwrap_or_default()
                    .to_owned(),
                secret_key: optional_secret(secret_key_file.as_deref())?.unwrap_or_default(),
            }),
        ),
        ChannelAddKind::Wordpress {
            common,
            url,
            user,
            app_password_file,
        } => (
            NewChannel {
                name: common.name.clone(),
                kind: Some(ChannelKind::Wordpress),
                base_url: url.clone(),
                user: user.trim().to_owned(),
                spacing_secs: common.spacing,
                ..NewChannel::default()
            },
            Some(ChannelSecrets {
                token: secret(app_password_file)?,
                ..ChannelSecrets::default()
            }),
        ),
        ChannelAddKind::Folder { common, path } => {
            std::fs::create_dir_all(path)
                .map_err(|_| LoaError::FolderNotFound { path: path.clone() })?;
            let path = path.canonicalize().unwrap_or_else(|_| path.clone());
            (
                NewChannel {
                    name: common.name.clone(),
                    kind: Some(ChannelKind::Folder),
                    folder: Some(path.display().to_string()),
                    spacing_secs: common.spacing,
                    ..NewChannel::default()
                },
                None,
            )
        }
    })
}

/// One line of `channel list --json`.
#[derive(Debug, Serialize)]
struct Row<'a> {
    id: i64,
    name: &'a str,
    kind: ChannelKind,
    base_url: &'a str,
    page_id: &'a str,
    user: &'a str,
    folder: Option<&'a str>,
    spacing_secs: u32,
    /// ok, paused, throttled or needs_reconnect.
    status: &'static str,
    paused: bool,
    paused_until: Option<&'a str>,
    page_url: &'a str,
    image_host: Option<String>,
}

fn row<'a>(c: &'a ChannelInfo, all: &[ChannelInfo]) -> Row<'a> {
    Row {
        id: c.id,
        name: &c.name,
        kind: c.kind,
        base_url: &c.base_url,
        page_id: &c.page_id,
        user: &c.user,
        folder: c.folder.as_deref(),
        spacing_secs: c.spacing_secs,
        status: c.status.as_str(),
        paused: c.paused,
        paused_until: c.paused_until.as_deref(),
        page_url: &c.page_url,
        image_host: c
            .image_host_channel_id
            .and_then(|h| all.iter().find(|o| o.id == h))
            .map(|h| h.name.clone()),
    }
}

pub fn run(
    store: &Store,
    l10n: &Localizer,
    command: &ChannelCommand,
    json: bool,
) -> Result<Outcome, LoaError> {
    match command {
        ChannelCommand::Add { kind } => {
            let (input, secrets) = parse(kind)?;
            let creds = match &secrets {
                Some(_) => Some(credentials(store, l10n)?),
                None => None,
            };
            let (channel, updated) = match (&creds, &secrets) {
                (Some(c), Some(typed)) => {
                    loa_publish::save_channel(store, c.as_ref(), &input, typed)?
                }
                _ => store.publishing().save_channel(&input)?,
            };
            if json {
                let all = store.publishing().channels()?;
                out::json(&row(&channel, &all));
            } else {
                let id = if updated {
                    "publish-channel-updated"
                } else {
                    "publish-channel-added"
                };
                out::line(&l10n.msg_with(
                    id,
                    &[
                        ("channel", channel.name.clone()),
                        ("kind", channel.kind.to_string()),
                        ("id", channel.id.to_string()),
                    ],
                ));
            }
        }
        ChannelCommand::List => {
            let all = store.publishing().channels()?;
            if json {
                let rows: Vec<Row<'_>> = all.iter().map(|c| row(c, &all)).collect();
                out::json(&rows);
            } else if all.is_empty() {
                out::line(&l10n.msg("publish-no-channels"));
            } else {
                for c in &all {
                    let status = l10n.msg_with(
                        &format!("publish-channel-status-{}", c.status.as_str()),
                        &[("until", c.paused_until.clone().unwrap_or_default())],
                    );
                    out::line(&format!(
                        "{:>4}  {:<10} {:<24} {}  {}",
                        c.id, c.kind, c.name, status, c.page_url
                    ));
                }
            }
        }
        ChannelCommand::Test { name } => {
            let channel = store.publishing().channel_by_name(name)?;
            let creds: std::sync::Arc<dyn CredentialStore> = credentials(store, l10n)?.into();
            let found = loa_publish::test_channel(store, &creds, &PlatformChannels, channel.id)?;
            if json {
                out::json(
                    &serde_json::json!({ "channel": channel.name, "ok": true, "name": found }),
                );
            } else {
                out::line(&l10n.msg_with(
                    "publish-channel-test-ok",
                    &[("channel", channel.name), ("name", found)],
                ));
            }
        }
        ChannelCommand::Pause { name } | ChannelCommand::Resume { name } => {
            let paused = matches!(command, ChannelCommand::Pause { .. });
            let channel = store.publishing().channel_by_name(name)?;
            let channel = store.publishing().set_channel_paused(channel.id, paused)?;
            if json {
                let all = store.publishing().channels()?;
                out::json(&row(&channel, &all));
            } else {
                out::line(&l10n.msg_with(
                    if paused {
                        "publish-channel-paused"
                    } else {
                        "publish-channel-resumed"
                    },
                    &[("channel", channel.name)],
                ));
            }
        }
    }
    Ok(Outcome::Ok)
}

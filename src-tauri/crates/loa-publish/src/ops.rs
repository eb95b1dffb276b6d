//! The officer's publishing actions that need more than the core: queueing with the platform's
//! own rules, saving a channel with its secrets, testing a connection.

use chrono::{DateTime, Utc};
use loa_channels::{Credentials, LimitViolation, Photo, PostContent};
use loa_core::{
    ChannelInfo, LoaError, NewChannel, OutboxItem, QueueOptions, QueuePreview, Result, Store,
};

use crate::convert;
use crate::credentials::CredentialStore;
use crate::deps::ChannelFactory;

fn describe(v: &LimitViolation) -> String {
    match v {
        LimitViolation::TitleMissing => "title_missing".to_owned(),
        LimitViolation::TitleTooLong { max, actual } => {
            format!("title_too_long ({actual} > {max})")
        }
        LimitViolation::TextTooLong { max, actual } => format!("text_too_long ({actual} > {max})"),
        LimitViolation::TooManyPhotos { max, actual } => {
            format!("too_many_photos ({actual} > {max})")
        }
        LimitViolation::PhotoTooLarge { index, max, actual } => {
            format!("photo_too_large (#{} {actual} > {max})", index + 1)
        }
        LimitViolation::PhotoFormat { index } => format!("photo_format (#{})", index + 1),
    }
}

/// Refuses a post the platform would refuse (`loa_channels::check_post_for`).
fn validate(config: &loa_channels::ChannelConfig, preview: &QueuePreview) -> Result<()> {
    let post = PostContent {
        outbox_id: 0,
        title: preview.title.clone(),
        text: preview.text.clone(),
        photos: preview
            .photos
            .iter()
            .map(|(path, alt, size)| Photo {
                path: path.clone(),
                alt_text: alt.clone(),
                size: *size,
            })
            .collect(),
        scheduled_at: preview.scheduled_at,
        slug: String::new(),
    };
    let problems: Vec<String> = loa_channels::check_post_for(config, &post)
        .iter()
        .map(describe)
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(LoaError::ChannelLimits {
            channel: preview.channel.clone(),
            problems: problems.join(", "),
        })
    }
}

/// Queues a draft for a channel with the core's checks and the platform's limits and schedule
/// rules. A Zalo channel carries photos only through its image host (a WordPress channel): a
/// post with photos for a Zalo channel without one is refused with a message that says so. A
/// post scheduled further ahead than the platform's own scheduler takes waits in the outbox,
/// photos included, until [`loa_channels::publish_not_before`].
pub fn queue_post(
    store: &Store,
    draft_id: i64,
    channel_id: i64,
    at: Option<DateTime<Utc>>,
) -> Result<OutboxItem> {
    let channel = store.publishing().channel(channel_id)?;
    let host = channel
        .image_host_channel_id
        .map(|h| store.publishing().channel(h))
        .transpose()?;
    // Limits do not need the secrets.
    let timeout = crate::WorkerConfig::default().request_timeout;
    let config = convert::config(
        &channel,
        timeout,
        host.as_ref().map(|h| (h, Credentials::default())),
    );
    if loa_channels::limits_for(&config).max_photos == Some(0)
        && !store.media().of_draft(draft_id)?.is_empty()
    {
        return Err(LoaError::PhotosNeedImageHost {
            channel: channel.name,
        });
    }
    let now = store.clock().now();
    let not_before =
        Some(loa_channels::publish_not_before(config.kind, at, now)).filter(|t| *t > now);
    let check = |p: &QueuePreview| validate(&config, p);
    store.publishing().queue(
        draft_id,
        channel_id,
        &QueueOptions {
            at,
            not_before,
            without_photos: false,
            validate: Some(&check),
        },
    )
}

/// Creates or updates a channel and stores its secrets (never in the database). Updating a
/// channel that needed reconnecting lifts the hold: this is how a new token arrives.
pub fn save_channel(
    store: &Store,
    credentials: &dyn CredentialStore,
    input: &NewChannel,
    secrets: Option<&Credentials>,
) -> Result<(ChannelInfo, bool)> {
    let (channel, updated) = store.publishing().save_channel(input)?;
    if let Some(secrets) = secrets {
        credentials.set(channel.id, secrets)?;
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
    let channel = store.publishing().channel(channel_id)?;
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
            let host = store.publishing().channel(h)?;
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
                store.publishing().clear_channel_hold(channel_id)?;
            }
            Ok(name)
        }
        Err(e) => Err(LoaError::ChannelFailed {
            channel: channel.name,
            code: e.code,
            message: e.message,
        }),
    }
}

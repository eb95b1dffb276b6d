//! Connecting a Facebook Page or a Zalo OA by signing in on the platform's own page: the state of
//! each sign-in between "open the window" and "the platform sent it back", and what is done with
//! the answer.
//!
//! Facebook (the manual flow for desktop apps, with PKCE): [`Logins::start_facebook`] gives the
//! Login dialog's address and the redirect to watch for; the front end shows the dialog in a
//! window of its own and hands back the first address that matches the redirect
//! ([`Logins::finish_facebook`]). The code is exchanged with the PKCE verifier; when the
//! province keeps its own app's secret in the keyring, the user token is made long-lived, so
//! the Page token never expires. `/me/accounts` gives the Pages and their tokens, which stay
//! here: the front end sees names and whether the officer may publish, picks one, and
//! [`Logins::connect_page`] saves the channel with its token in the keyring.
//!
//! Zalo (OAuth v4 with PKCE): the officer gives the app id, its secret key and its registered
//! callback address (a guided screen); the permission page is shown the same way and its
//! redirect to the callback read before the page is loaded ([`Logins::finish_zalo`]).
//!
//! Nothing here knows about windows: a front end that cannot show a page (the command line)
//! cannot sign in, and pastes tokens instead.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use loa_channels::login::{self, FacebookLogin, ManagedPage, Pkce, Redirect};
use loa_channels::{ChannelError, ErrorClass};
use loa_core::{
    ChannelInfo, ChannelKind, ConnectFailure, LoaError, NewChannel, Result, Store, ZaloApp,
};
use loa_platforms::login as facts;
use serde::{Deserialize, Serialize};

use crate::credentials::CredentialStore;
use crate::ops::{ChannelSecrets, save_channel};

/// How long a sign-in may take, from opening the window to picking a Page (Facebook's codes
/// live ten minutes; the Page list is kept a little longer for the officer to choose).
const FLOW_LIFETIME: Duration = Duration::from_secs(20 * 60);
/// Timeout of each call to the platform.
const CALL_TIMEOUT: Duration = Duration::from_secs(30);
/// The app name of Facebook's secret in the credential store.
pub const FACEBOOK_APP: &str = "facebook";

/// What the front end opens: a window on `url`, watched for `redirect_uri`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginWindow {
    pub flow: String,
    pub platform: ChannelKind,
    pub url: String,
    /// The first address starting with this ends the sign-in (and is never loaded).
    pub redirect_uri: String,
}

/// A Page the officer may pick (its token stays in Loa's memory).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PageChoice {
    pub id: String,
    pub name: String,
    pub category: String,
    /// The officer has the `CREATE_CONTENT` task there.
    pub can_publish: bool,
    /// The channel that already publishes to this Page (connecting again renews its token).
    pub channel: Option<String>,
}

/// The guided Zalo screen's values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ZaloConnect {
    /// The channel's name ("Zalo OA xã").
    pub name: String,
    pub app_id: String,
    /// Blank: the key kept for the channel of that name, if any.
    pub secret_key: String,
    pub callback_url: String,
    /// Blank: Zalo's own API.
    pub api_url: String,
}

#[derive(Debug)]
struct FacebookFlow {
    app_id: String,
    graph: String,
    redirect: String,
    state: String,
    pkce: Pkce,
    /// After the exchange: the Pages with their tokens.
    pages: Option<Vec<ManagedPage>>,
}

#[derive(Debug)]
struct ZaloFlow {
    input: ZaloConnect,
    secret_key: String,
    state: String,
    pkce: Pkce,
}

#[derive(Debug)]
enum Flow {
    Facebook(FacebookFlow),
    Zalo(ZaloFlow),
}

/// The sign-ins under way in this process.
#[derive(Debug, Default)]
pub struct Logins {
    flows: Mutex<HashMap<String, (Instant, Flow)>>,
}

fn failure(platform: ChannelKind, reason: ConnectFailure) -> LoaError {
    LoaError::Connect {
        platform,
        reason,
        page: None,
    }
}

/// What a failed call means to the officer: their link, the platform's trouble, or settings
/// the platform refuses. The platform's own text goes to the log only.
fn from_channel(e: &ChannelError) -> LoaError {
    eprintln!("loa: connecting {}: {} {}", e.kind, e.code, e.message);
    let reason = match &e.class {
        ErrorClass::Offline => ConnectFailure::Offline,
        ErrorClass::Transient | ErrorClass::Ambiguous | ErrorClass::Throttled { .. } => {
            ConnectFailure::PlatformDown
        }
        ErrorClass::Auth | ErrorClass::Invalid => ConnectFailure::Refused,
    };
    failure(e.kind, reason)
}

fn nfc(s: &str) -> String {
    loa_platforms::nfc(s.trim())
}

impl Logins {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, (Instant, Flow)>> {
        let mut flows = self.flows.lock().unwrap_or_else(|e| e.into_inner());
        flows.retain(|_, (started, _)| started.elapsed() < FLOW_LIFETIME);
        flows
    }

    fn insert(&self, platform: ChannelKind, flow: Flow) -> Result<String> {
        let id = login::random_token(platform).map_err(|e| from_channel(&e))?;
        self.lock().insert(id.clone(), (Instant::now(), flow));
        Ok(id)
    }

    /// Forgets a sign-in (the officer closed its window). True if it was under way.
    pub fn cancel(&self, flow: &str) -> bool {
        self.lock().remove(flow).is_some()
    }

    /// Opens a Facebook sign-in with the profile's app: the dialog to show and the redirect to
    /// watch for.
    pub fn start_facebook(&self, store: &Store) -> Result<LoginWindow> {
        let p = ChannelKind::Facebook;
        let app = store.publishing().facebook_app()?;
        let app_id = app
            .effective_app_id()
            .ok_or_else(|| failure(p, ConnectFailure::NoApp))?;
        let www = app.www();
        let redirect = facts::facebook_login_success(&www);
        let pkce = Pkce::generate(p).map_err(|e| from_channel(&e))?;
        let state = login::random_token(p).map_err(|e| from_channel(&e))?;
        let url = facts::facebook_dialog_url(&www, &app_id, &redirect, &state, &pkce.challenge);
        let flow = self.insert(
            p,
            Flow::Facebook(FacebookFlow {
                app_id,
                graph: app.graph(),
                redirect: redirect.clone(),
                state,
                pkce,
                pages: None,
            }),
        )?;
        Ok(LoginWindow {
            flow,
            platform: p,
            url,
            redirect_uri: redirect,
        })
    }

    /// The window reached the redirect: exchanges the code (long-lived when the app's secret is
    /// kept), lists the Pages, and returns what the officer may pick from.
    pub fn finish_facebook(
        &self,
        store: &Store,
        credentials: &dyn CredentialStore,
        flow: &str,
        address: &str,
    ) -> Result<Vec<PageChoice>> {
        let p = ChannelKind::Facebook;
        let (app_id, graph, redirect, verifier) = {
            let mut flows = self.lock();
            let Some((_, Flow::Facebook(f))) = flows.get(flow) else {
                return Err(failure(p, ConnectFailure::Expired));
            };
            let read = login::read_redirect(address, &f.redirect);
            match read {
                Some(Redirect::Code { state, .. }) if state != f.state => {
                    flows.remove(flow);
                    return Err(failure(p, ConnectFailure::Mismatch));
                }
                Some(Redirect::Code { code, .. }) => (
                    f.app_id.clone(),
                    f.graph.clone(),
                    f.redirect.clone(),
                    (code, f.pkce.verifier.clone()),
                ),
                Some(Redirect::Refused { .. }) | None => {
                    flows.remove(flow);
                    return Err(failure(p, ConnectFailure::Cancelled));
                }
            }
        };
        let (code, verifier) = verifier;
        let api = FacebookLogin::new(&graph, CALL_TIMEOUT);
        let user = api
            .exchange_code(&app_id, &redirect, &code, &verifier)
            .map_err(|e| from_channel(&e))?;
        // A province's own app with its secret kept: a long-lived user token, whose Page tokens
        // do not expire. Without it the Page token lasts as Facebook decides, and the channel
        // asks to reconnect when it is refused.
        let user = match credentials.app_secret(FACEBOOK_APP)? {
            Some(secret) if !secret.trim().is_empty() => api
                .long_lived(&app_id, secret.trim(), &user)
                .map_err(|e| from_channel(&e))?,
            _ => user,
        };
        let pages = api.pages(&user).map_err(|e| from_channel(&e))?;
        if pages.is_empty() {
            self.cancel(flow);
            return Err(failure(p, ConnectFailure::NoPages));
        }
        let channels = store.publishing().channels()?;
        let choices = pages
            .iter()
            .map(|page| PageChoice {
                id: page.id.clone(),
                name: page.name.clone(),
                category: page.category.clone(),
                can_publish: page.can_publish(),
                channel: channels
                    .iter()
                    .find(|c| c.kind == p && c.page_id == page.id)
                    .map(|c| c.name.clone()),
            })
            .collect();
        match self.lock().get_mut(flow) {
            Some((_, Flow::Facebook(f))) => f.pages = Some(pages),
            _ => return Err(failure(p, ConnectFailure::Expired)),
        }
        Ok(choices)
    }

    /// The officer picked a Page: saves (or renews) its channel with the Page token in the
    /// keyring. `name` blank: the Page's own name (or the existing channel's).
    pub fn connect_page(
        &self,
        store: &Store,
        credentials: &dyn CredentialStore,
        flow: &str,
        page_id: &str,
        name: &str,
    ) -> Result<ChannelInfo> {
        let p = ChannelKind::Facebook;
        let (graph, page) = {
            let flows = self.lock();
            let Some((_, Flow::Facebook(f))) = flows.get(flow) else {
                return Err(failure(p, ConnectFailure::Expired));
            };
            let page = f
                .pages
                .as_ref()
                .and_then(|pages| pages.iter().find(|x| x.id == page_id))
                .cloned()
                .ok_or_else(|| failure(p, ConnectFailure::Expired))?;
            (f.graph.clone(), page)
        };
        if !page.can_publish() {
            return Err(LoaError::Connect {
                platform: p,
                reason: ConnectFailure::CannotPublish,
                page: Some(page.name),
            });
        }
        let existing = store
            .publishing()
            .channels()?
            .into_iter()
            .find(|c| c.kind == p && c.page_id == page.id);
        let name = match (&existing, nfc(name)) {
            (Some(c), typed) if typed.is_empty() => c.name.clone(),
            (_, typed) if !typed.is_empty() => typed,
            _ => nfc(&page.name),
        };
        let input = NewChannel {
            name,
            kind: Some(p),
            base_url: graph,
            page_id: page.id.clone(),
            spacing_secs: existing.as_ref().map(|c| c.spacing_secs),
            ..NewChannel::default()
        };
        let (channel, _) = save_channel(
            store,
            credentials,
            &input,
            &ChannelSecrets {
                token: page.token,
                ..ChannelSecrets::default()
            },
        )?;
        // A channel that waited for a new token goes on at once.
        store.publishing().clear_channel_hold(channel.id)?;
        self.cancel(flow);
        store.publishing().channel(channel.id)
    }

    /// Opens a Zalo sign-in with the guided screen's values (kept for next time, the key in
    /// the keyring with the channel).
    pub fn start_zalo(
        &self,
        store: &Store,
        credentials: &dyn CredentialStore,
        input: &ZaloConnect,
    ) -> Result<LoginWindow> {
        let p = ChannelKind::Zalo;
        let mut input = ZaloConnect {
            name: nfc(&input.name),
            app_id: input.app_id.trim().to_owned(),
            secret_key: input.secret_key.trim().to_owned(),
            callback_url: input.callback_url.trim().to_owned(),
            api_url: input.api_url.trim().trim_end_matches('/').to_owned(),
        };
        let kept_key = match store.publishing().channel_by_name(&input.name) {
            Ok(c) if c.kind == p => credentials.get(c.id)?.and_then(|c| c.secret_key),
            _ => None,
        };
        let secret_key = match (&input.secret_key, kept_key) {
            (typed, _) if !typed.is_empty() => typed.clone(),
            (_, Some(kept)) => kept,
            _ => String::new(),
        };
        let callback_ok =
            input.callback_url.starts_with("https://") || input.callback_url.starts_with("http://");
        if input.name.is_empty() || input.app_id.is_empty() || secret_key.is_empty() || !callback_ok
        {
            return Err(failure(p, ConnectFailure::Incomplete));
        }
        store.publishing().set_zalo_app(&ZaloApp {
            app_id: input.app_id.clone(),
            callback_url: input.callback_url.clone(),
            api_url: input.api_url.clone(),
        })?;
        let oauth = facts::zalo_oauth_for(&input.api_url);
        let pkce = Pkce::generate(p).map_err(|e| from_channel(&e))?;
        let state = login::random_token(p).map_err(|e| from_channel(&e))?;
        let url = facts::zalo_permission_url(
            &oauth,
            &input.app_id,
            &input.callback_url,
            &pkce.challenge,
            &state,
        );
        let redirect_uri = input.callback_url.clone();
        input.secret_key.clear();
        let flow = self.insert(
            p,
            Flow::Zalo(ZaloFlow {
                input,
                secret_key,
                state,
                pkce,
            }),
        )?;
        Ok(LoginWindow {
            flow,
            platform: p,
            url,
            redirect_uri,
        })
    }

    /// The permission page sent the window to the callback: exchanges the code and saves the
    /// OA's channel with its tokens, app id and key in the keyring.
    pub fn finish_zalo(
        &self,
        store: &Store,
        credentials: &dyn CredentialStore,
        flow: &str,
        address: &str,
    ) -> Result<ChannelInfo> {
        let p = ChannelKind::Zalo;
        let Some((_, Flow::Zalo(f))) = self.lock().remove(flow) else {
            return Err(failure(p, ConnectFailure::Expired));
        };
        let code = match login::read_redirect(address, &f.input.callback_url) {
            Some(Redirect::Code { state, .. }) if state != f.state => {
                return Err(failure(p, ConnectFailure::Mismatch));
            }
            Some(Redirect::Code { code, .. }) => code,
            Some(Redirect::Refused { .. }) | None => {
                return Err(failure(p, ConnectFailure::Cancelled));
            }
        };
        let oauth = facts::zalo_oauth_for(&f.input.api_url);
        let tokens = login::zalo_exchange_code(
            &oauth,
            &f.input.app_id,
            &f.secret_key,
            &code,
            &f.pkce.verifier,
            CALL_TIMEOUT,
        )
        .map_err(|e| from_channel(&e))?;
        // Reconnecting keeps the website that hosts the articles' photos.
        let image_host = match store.publishing().channel_by_name(&f.input.name) {
            Ok(c) => match c.image_host_channel_id {
                Some(h) => Some(store.publishing().channel(h)?.name),
                None => None,
            },
            Err(LoaError::ChannelNotFound { .. }) => None,
            Err(e) => return Err(e),
        };
        let input = NewChannel {
            name: f.input.name.clone(),
            kind: Some(p),
            base_url: f.input.api_url.clone(),
            image_host,
            ..NewChannel::default()
        };
        let (channel, _) = save_channel(
            store,
            credentials,
            &input,
            &ChannelSecrets {
                token: tokens.access_token,
                refresh_token: tokens.refresh_token,
                app_id: f.input.app_id.clone(),
                secret_key: f.secret_key.clone(),
            },
        )?;
        store.publishing().clear_channel_hold(channel.id)?;
        store.publishing().channel(channel.id)
    }
}

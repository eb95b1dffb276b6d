//! Connecting a Facebook Page or a Zalo OA by signing in: a window of its own on the platform's
//! page, watched until the platform sends it to the redirect address, whose answer goes to
//! `loa-publish`'s [`loa_publish::Logins`] (the flow, the exchange, the keyring). Adapters only.
//!
//! The login window shows a remote page: it has no capability that grants a command (see
//! `capabilities/login-window.json`), it never loads the redirect address (the navigation is
//! stopped there, so the code is read from the address and nowhere else), and popups it opens
//! are refused.

use loa_core::{ChannelInfo, FacebookApp, IpcError, ZaloApp};
use loa_publish::{LoginWindow, PageChoice, ZaloConnect};
use serde::{Deserialize, Serialize};
use tauri::async_runtime::channel;
use tauri::webview::NewWindowResponse;
use tauri::{AppHandle, Manager, State, WebviewUrl, WebviewWindowBuilder, WindowEvent};

use crate::Core;
use crate::commands::blocking;

type Res<T> = Result<T, IpcError>;

/// The login window's label (one at a time).
pub const LOGIN_WINDOW: &str = "login";

/// A Facebook sign-in that reached the Page list.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct FacebookSignIn {
    /// Hand it back with the chosen Page.
    pub flow: String,
    pub pages: Vec<PageChoice>,
}

/// The sign-in settings as the window shows them (no secret, only whether one is kept).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct ConnectSettings {
    pub facebook: FacebookApp,
    /// This build carries Loa's own Facebook app (an empty app id means that one).
    pub facebook_builtin: bool,
    /// The province's app secret is kept in the keyring (long-lived tokens).
    pub facebook_secret_saved: bool,
    pub zalo: ZaloApp,
}

/// What the login window ended with.
enum Ended {
    /// The address the platform sent the window to.
    Redirect(String),
    /// The officer closed the window.
    Closed,
}

/// Opens the login window on `login.url` and waits until it reaches `login.redirect_uri` or is
/// closed. An earlier login window is closed first (its sign-in ends as cancelled).
async fn sign_in(app: &AppHandle, login: &LoginWindow, title: String) -> Res<Option<String>> {
    if let Some(old) = app.get_webview_window(LOGIN_WINDOW) {
        // Its own wait ends (each window reports to its own channel).
        let _ = old.destroy();
    }
    let url = login
        .url
        .parse()
        .map_err(|e| IpcError::internal(Some(format!("login address: {e}"))))?;
    let (tx, mut rx) = channel::<Ended>(4);
    let redirect = login.redirect_uri.clone();
    let nav_tx = tx.clone();
    let window = WebviewWindowBuilder::new(app, LOGIN_WINDOW, WebviewUrl::External(url))
        .title(title)
        .inner_size(620.0, 760.0)
        .center()
        .on_navigation(move |url| {
            if url.as_str().starts_with(&redirect) {
                // The answer is in the address: read it, never load the page.
                let _ = nav_tx.try_send(Ended::Redirect(url.to_string()));
                return false;
            }
            // The platform's own pages only: a page on another scheme (a `file:` link, a custom
            // protocol) has no business in this window.
            matches!(url.scheme(), "https" | "http")
        })
        .on_new_window(|_, _| NewWindowResponse::Deny)
        .build()
        .map_err(|e| IpcError::internal(Some(format!("login window: {e}"))))?;
    window.on_window_event(move |e| {
        if matches!(e, WindowEvent::Destroyed) {
            let _ = tx.try_send(Ended::Closed);
        }
    });
    // No timeout: the officer may take their time on the platform's page, and ends it by
    // closing the window (or "Thôi" in the main window, which closes it too).
    let ended = rx.recv().await;
    let _ = window.destroy();
    Ok(match ended {
        Some(Ended::Redirect(address)) => Some(address),
        Some(Ended::Closed) | None => None,
    })
}

/// "Kết nối với Facebook": the officer signs in on Facebook's own page; the Pages they manage
/// come back (their tokens stay in Loa).
#[tauri::command]
#[specta::specta]
pub async fn connect_facebook(app: AppHandle, core: State<'_, Core>) -> Res<FacebookSignIn> {
    let outbox = core.publish.service().await?;
    let store = core.shared_store()?;
    let logins = core.publish.logins().clone();
    let login = logins.start_facebook(&store)?;
    let title = window_title(&core, "connect-window-facebook")?;
    let Some(address) = sign_in(&app, &login, title).await? else {
        logins.cancel(&login.flow);
        return Err(cancelled(loa_core::ChannelKind::Facebook));
    };
    let flow = login.flow.clone();
    blocking(move || {
        let pages =
            logins.finish_facebook(&store, outbox.credentials().as_ref(), &flow, &address)?;
        Ok(FacebookSignIn { flow, pages })
    })
    .await
}

/// The officer picked a Page: its channel is saved (or renewed) with the Page token.
#[tauri::command]
#[specta::specta]
pub async fn connect_facebook_page(
    core: State<'_, Core>,
    flow: String,
    page_id: String,
    name: String,
) -> Res<ChannelInfo> {
    let outbox = core.publish.service().await?;
    let store = core.shared_store()?;
    let logins = core.publish.logins().clone();
    blocking(move || {
        let channel = logins.connect_page(
            &store,
            outbox.credentials().as_ref(),
            &flow,
            &page_id,
            &name,
        )?;
        outbox.handle().wake();
        Ok(channel)
    })
    .await
}

/// "Kết nối với Zalo": the guided screen's values, then Zalo's permission page.
#[tauri::command]
#[specta::specta]
pub async fn connect_zalo(
    app: AppHandle,
    core: State<'_, Core>,
    input: ZaloConnect,
) -> Res<ChannelInfo> {
    let outbox = core.publish.service().await?;
    let store = core.shared_store()?;
    let logins = core.publish.logins().clone();
    let login = {
        let (store, outbox, logins) = (store.clone(), outbox.clone(), logins.clone());
        blocking(move || logins.start_zalo(&store, outbox.credentials().as_ref(), &input)).await?
    };
    let title = window_title(&core, "connect-window-zalo")?;
    let Some(address) = sign_in(&app, &login, title).await? else {
        logins.cancel(&login.flow);
        return Err(cancelled(loa_core::ChannelKind::Zalo));
    };
    blocking(move || {
        let channel =
            logins.finish_zalo(&store, outbox.credentials().as_ref(), &login.flow, &address)?;
        outbox.handle().wake();
        Ok(channel)
    })
    .await
}

/// The login window's title, in the officer's language.
fn window_title(core: &Core, id: &str) -> Res<String> {
    let lang = core.store()?.settings()?.lang;
    Ok(loa_core::Localizer::new(lang).msg(id))
}

fn cancelled(platform: loa_core::ChannelKind) -> IpcError {
    loa_core::LoaError::Connect {
        platform,
        reason: loa_core::ConnectFailure::Cancelled,
        page: None,
    }
    .into()
}

#[tauri::command]
#[specta::specta]
pub async fn connect_settings(core: State<'_, Core>) -> Res<ConnectSettings> {
    let outbox = core.publish.service().await?;
    let store = core.shared_store()?;
    blocking(move || {
        Ok(ConnectSettings {
            facebook: store.publishing().facebook_app()?,
            facebook_builtin: loa_platforms::login::loa_facebook_app_id().is_some(),
            facebook_secret_saved: outbox
                .credentials()
                .app_secret(loa_publish::connect::FACEBOOK_APP)?
                .is_some(),
            zalo: store.publishing().zalo_app()?,
        })
    })
    .await
}

/// Saves the Facebook app (advanced): a blank `secret` keeps the kept one, `forget_secret`
/// removes it.
#[tauri::command]
#[specta::specta]
pub async fn save_facebook_app(
    core: State<'_, Core>,
    app: FacebookApp,
    secret: String,
    forget_secret: bool,
) -> Res<()> {
    let outbox = core.publish.service().await?;
    let store = core.shared_store()?;
    blocking(move || {
        store.publishing().set_facebook_app(&app)?;
        let creds = outbox.credentials();
        if forget_secret {
            creds.set_app_secret(loa_publish::connect::FACEBOOK_APP, None)?;
        } else if !secret.trim().is_empty() {
            creds.set_app_secret(loa_publish::connect::FACEBOOK_APP, Some(secret.trim()))?;
        }
        Ok(())
    })
    .await
}

/// Closes the login window from the main window ("Thôi"); its sign-in ends as cancelled.
#[tauri::command]
#[specta::specta]
pub async fn cancel_connect(app: AppHandle) -> Res<()> {
    if let Some(w) = app.get_webview_window(LOGIN_WINDOW) {
        let _ = w.destroy();
    }
    Ok(())
}

//! `loa connect …`: the apps the window signs in through to connect a Facebook Page or a Zalo
//! OA. Signing in itself needs the window (the platform's page); here the profile is told which
//! app to use — the province's own, or a sandbox's (`loa sandbox` prints the command).

use loa_core::{FacebookApp, LoaError, Localizer, Store, ZaloApp};
use loa_publish::connect::FACEBOOK_APP;
use serde::Serialize;

use crate::args::ConnectCommand;
use crate::channel::{credentials, secret};
use crate::{Outcome, out};

#[derive(Debug, Serialize)]
struct Shown {
    facebook: FacebookApp,
    facebook_secret_saved: bool,
    zalo: ZaloApp,
}

pub fn run(
    store: &Store,
    l10n: &Localizer,
    command: &ConnectCommand,
    json: bool,
) -> Result<Outcome, LoaError> {
    let publishing = store.publishing();
    match command {
        ConnectCommand::FacebookApp {
            app_id,
            login_url,
            app_secret_file,
            forget_secret,
        } => {
            let mut app = publishing.facebook_app()?;
            if let Some(id) = app_id {
                app.app_id = id.trim().to_owned();
            }
            if let Some(url) = login_url {
                app.login_url = url.trim().trim_end_matches('/').to_owned();
            }
            // Read before anything is written: a missing file changes nothing.
            let new_secret = app_secret_file.as_deref().map(secret).transpose()?;
            publishing.set_facebook_app(&app)?;
            if new_secret.is_some() || *forget_secret {
                credentials(store, l10n)?.set_app_secret(FACEBOOK_APP, new_secret.as_deref())?;
            }
            if !json {
                out::line(&l10n.msg_with(
                    "connect-cli-facebook-app-saved",
                    &[
                        (
                            "app_id",
                            app.effective_app_id().unwrap_or_else(|| "—".to_owned()),
                        ),
                        ("login_url", app.www()),
                    ],
                ));
                if new_secret.is_some() {
                    out::line(&l10n.msg("connect-cli-facebook-secret-saved"));
                }
            }
        }
        ConnectCommand::ZaloApp {
            app_id,
            callback_url,
            api_url,
        } => {
            let app = ZaloApp {
                app_id: app_id.trim().to_owned(),
                callback_url: callback_url.trim().to_owned(),
                api_url: api_url
                    .as_deref()
                    .unwrap_or_default()
                    .trim()
                    .trim_end_matches('/')
                    .to_owned(),
            };
            publishing.set_zalo_app(&app)?;
            if !json {
                out::line(&l10n.msg_with(
                    "connect-cli-zalo-app-saved",
                    &[
                        ("app_id", app.app_id.clone()),
                        ("callback_url", app.callback_url.clone()),
                    ],
                ));
            }
        }
        ConnectCommand::Show => {}
    }
    if json || matches!(command, ConnectCommand::Show) {
        let shown = Shown {
            facebook: publishing.facebook_app()?,
            facebook_secret_saved: credentials(store, l10n)?
                .app_secret(FACEBOOK_APP)?
                .is_some(),
            zalo: publishing.zalo_app()?,
        };
        out::json(&shown);
    }
    Ok(Outcome::Ok)
}

//! `loa`: everything the desktop app does, scriptable. A thin front door over `loa-core`'s feature
//! views, one module per command (`draft`, `search`, `check`, `media`, `channel`, `connect`,
//! `queue`, `series` and `calendar`, `sync` over `loa-publish`'s publishing service, `template`, `report` and `insights`,
//! `text`, `sandbox`, `backup` and `restore`).
//!
//! Exit codes: 0 success, 1 a user error (one line on stderr, in the chosen language),
//! 2 a usage error, 101 an internal fault (one line too; the details in the profile's
//! `crash.log`, see `panic`). Never a panic trace.

mod args;
mod backup;
mod calendar;
mod channel;
mod check;
mod connect;
mod draft;
mod media;
mod out;
mod panic;
mod queue;
mod report;
mod sandbox;
mod search;
mod series;
mod sync;
mod template;
mod text;
mod video;

use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use loa_core::{Lang, LoaError, Localizer, Store, paths};

use args::{
    Cli, Command, DraftCommand, InsightsCommand, MediaCommand, TemplateCommand, TextCommand,
};

/// What a command hands back to `main`: success, or "some inputs failed" (exit 1 after printing
/// the per-item report).
#[derive(Debug)]
pub enum Outcome {
    Ok,
    Partial,
}

/// The environment variable that picks the message language when `--lang` is not given.
const LANG_ENV: &str = "LOA_LANG";

fn message_lang(cli: &Cli) -> Lang {
    cli.lang
        .or_else(|| cli.command.content_lang())
        .or_else(|| std::env::var(LANG_ENV).ok().and_then(|l| l.parse().ok()))
        .unwrap_or_default()
}

fn run(cli: &Cli, l10n: &Localizer) -> Result<Outcome, LoaError> {
    // Converting files needs no profile: do not create one.
    if let Command::Text {
        command: TextCommand::Convert { from, files },
    } = &cli.command
    {
        return Ok(text::convert(l10n, from, files));
    }
    // Neither do photos.
    if let Command::Media {
        command: MediaCommand::Process(a),
    } = &cli.command
    {
        return Ok(media::process(l10n, a, cli.json));
    }
    // Nor the practice platforms, a separate program: the emulators are not part of Loa itself.
    if let Command::Sandbox { args } = &cli.command {
        return Ok(sandbox::run(l10n, args));
    }
    // Nor does author mode: it renders a pack folder.
    if let Command::Template {
        command: TemplateCommand::Watch(a),
    } = &cli.command
    {
        return template::watch(l10n, a, a.lang.or(cli.lang).unwrap_or_default());
    }
    let data_dir = paths::resolve_data_dir(cli.data_dir.as_deref());
    // A restore replaces the profile: it must not be open, and a damaged one must not stop it.
    if let Command::Restore { file, yes } = &cli.command {
        return backup::restore(l10n, &data_dir, file, *yes, cli.json);
    }
    let store = Arc::new(Store::open(&data_dir)?);
    let json = cli.json;
    match &cli.command {
        Command::Draft { command } => match command {
            DraftCommand::New(a) => draft::new(&store, a, json),
            DraftCommand::List => draft::list(&store, l10n, json),
            DraftCommand::Show { id } => draft::show(&store, l10n, *id, json),
            DraftCommand::Import { paths } => draft::import(&store, l10n, paths, json),
            DraftCommand::Attach {
                id,
                images,
                preset,
                keep_location,
            } => {
                if images.iter().any(|p| loa_core::videos::is_video_name(p)) {
                    video::attach(&store, l10n, *id, images, preset, *keep_location, json)
                } else {
                    draft::attach(&store, l10n, *id, images, json)
                }
            }
            DraftCommand::Plan { id, date, time } => {
                series::plan_draft(&store, l10n, *id, date.as_deref(), time.as_deref())
            }
        },
        Command::Search(a) => search::run(&store, a, json),
        Command::Check(a) => check::run(&store, l10n, a, json),
        Command::Channel { command } => channel::run(&store, l10n, command, json),
        Command::Connect { command } => connect::run(&store, l10n, command, json),
        Command::Queue { command } => queue::run(&store, l10n, command, json),
        Command::Series { command } => series::run(&store, l10n, command, json),
        Command::Calendar(a) => calendar::run(&store, l10n, a, json),
        Command::Sync(a) => sync::run(&store, l10n, a, json),
        Command::Report(a) => report::run(&store, l10n, a, json),
        Command::Insights {
            command: InsightsCommand::Refresh,
        } => report::refresh(&store, l10n, json),
        Command::Template { command } => match command {
            TemplateCommand::List => template::list(&store, l10n, json),
            // The image's language: the command's --lang, then the global one, then Vietnamese.
            TemplateCommand::Render(a) => template::render(
                &store,
                l10n,
                a,
                a.lang.or(cli.lang).unwrap_or_default(),
                json,
            ),
            TemplateCommand::Import { file, replace } => {
                template::import(&store, l10n, file, *replace, json)
            }
            TemplateCommand::Export { ids, out } => template::export(&store, l10n, ids, out),
            TemplateCommand::Delete { ids } => template::delete(&store, l10n, ids),
            TemplateCommand::Hide { ids, show } => template::hide(&store, l10n, ids, !show),
            TemplateCommand::Watch(_) => Ok(Outcome::Ok),
        },
        Command::Backup { command, out } => {
            backup::run(&store, l10n, command.as_ref(), out.as_deref(), json)
        }
        Command::Text { .. }
        | Command::Media { .. }
        | Command::Sandbox { .. }
        | Command::Restore { .. } => Ok(Outcome::Ok),
    }
}

fn main() -> ExitCode {
    // `loa __render-worker …`: this process is a sandboxed template renderer (see loa-render),
    // started by the command that renders; it never returns from here.
    loa_render::run_worker_if_asked();
    let cli = Cli::parse();
    let l10n = Localizer::new(message_lang(&cli));
    panic::install(&l10n, paths::resolve_data_dir(cli.data_dir.as_deref()));
    match run(&cli, &l10n) {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Partial) => ExitCode::from(1),
        Err(e) => {
            // One line, whatever the underlying error said.
            let msg = l10n.error(&e).replace(['\n', '\r'], " ");
            eprintln!("loa: {msg}");
            ExitCode::from(1)
        }
    }
}

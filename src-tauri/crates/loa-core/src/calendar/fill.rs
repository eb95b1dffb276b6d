//! Filling an occurrence: a new draft linked to it.
//!
//! With a template, the draft is made the way the template gallery makes one (rendered image
//! attached, caption as text) from the commune's prefill and the section's default values, in
//! which `{episode}` becomes the occurrence's number; a field keyed `episode` gets "Kỳ 12".
//! Without one (or without a renderer, from a front end that has none), the draft is empty
//! but titled "‹section› – Kỳ 12". The draft and the link are two steps: the template path
//! writes the draft in its own transaction, so a link that cannot be made sends the new draft
//! to the trash rather than leaving it unlinked.

use chrono::NaiveDate;
use loa_calendar::occurrence_of;
use loa_calendar::vntime::format_date;

use super::rows::{self, SeriesRow};
use crate::templates::drafts::TemplateValue;
use crate::{
    Draft, DraftPatch, LoaError, Localizer, NewDraft, Result, Store, TemplateRenderer,
    TemplateRequest, Topic,
};

/// The placeholder of the episode number in a section's default values.
pub const EPISODE_PLACEHOLDER: &str = "{episode}";

pub(crate) fn fill(
    store: &Store,
    id: i64,
    date: NaiveDate,
    l10n: &Localizer,
    renderer: Option<&dyn TemplateRenderer>,
) -> Result<Draft> {
    let row = store.read(|c| rows::load(c, id))?;
    let occurrence = occurrence_of(&row.series, date).ok_or_else(|| {
        LoaError::Calendar(loa_calendar::CalendarError::NotAnOccurrence {
            date: format_date(date),
        })
    })?;
    // Filled already with a draft that is not in the trash: that draft.
    if let Some(existing) = store.read(|c| rows::linked_draft(c, id, date))? {
        let live = store.read(|c| {
            let deleted: Option<String> = c.query_row(
                "SELECT deleted_at FROM drafts WHERE id = ?1",
                [existing],
                |r| r.get(0),
            )?;
            Ok(deleted.is_none())
        })?;
        if live {
            return store.drafts().get(existing);
        }
    }
    let lang = l10n.lang();
    let name = row.name_in(lang).to_owned();
    let title = match occurrence.episode {
        Some(n) => l10n.msg_with(
            "series-fill-title",
            &[("name", name.clone()), ("episode", n.to_string())],
        ),
        None => name.clone(),
    };
    let draft = match (&row.template_id, renderer) {
        (Some(template), Some(renderer)) => from_template(
            store,
            &row,
            template,
            occurrence.episode,
            &title,
            l10n,
            renderer,
        )?,
        _ => store.drafts().create(&NewDraft {
            title,
            body: String::new(),
            lang,
            topic: Topic::Other,
        })?,
    };
    let linked = store.write(|tx, _| rows::link(tx, id, date, draft.id));
    if let Err(e) = linked {
        let _ = store.drafts().trash(draft.id);
        return Err(e);
    }
    Ok(draft)
}

fn from_template(
    store: &Store,
    row: &SeriesRow,
    template: &str,
    episode: Option<u32>,
    title: &str,
    l10n: &Localizer,
    renderer: &dyn TemplateRenderer,
) -> Result<Draft> {
    let lang = l10n.lang();
    let templates = store.templates();
    let manifest = templates.get(template)?.manifest;
    let number = episode.map(|n| n.to_string()).unwrap_or_default();
    let mut data = templates.prefill(template, lang)?;
    for (key, value) in &row.template_defaults {
        data.insert(
            key.clone(),
            Some(TemplateValue::Text(
                value.replace(EPISODE_PLACEHOLDER, &number),
            )),
        );
    }
    if let (Some(n), Some(_)) = (episode, manifest.field("episode")) {
        data.entry("episode".to_owned()).or_insert_with(|| {
            Some(TemplateValue::Text(
                l10n.msg_with("calendar-episode", &[("number", n.to_string())]),
            ))
        });
    }
    let size = *manifest.sizes.first().ok_or(LoaError::InvalidValue {
        field: "template".into(),
        value: template.to_owned(),
        allowed: String::new(),
    })?;
    let made = templates.create_draft(
        renderer,
        &TemplateRequest {
            template_id: template.to_owned(),
            lang,
            size,
            data,
        },
    )?;
    // Without a title among the defaults the template names the draft after itself; the
    // section's name and episode say more on the calendar.
    if row.template_defaults.contains_key("title") {
        return Ok(made.draft);
    }
    store.drafts().save(
        made.draft.id,
        &DraftPatch {
            title: Some(title.to_owned()),
            ..DraftPatch::default()
        },
    )
}

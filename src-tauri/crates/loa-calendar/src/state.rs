//! Where an occurrence stands: the decision from what the caller knows of its linked draft.

use serde::{Deserialize, Serialize};

use crate::occurrences::Occurrence;

/// The state of an occurrence in the calendar (`loa calendar --json` field `state`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum SlotState {
    /// No draft yet.
    Empty,
    /// A draft is linked but not ready.
    Drafted,
    Ready,
    Queued,
    Published,
    Skipped,
}

impl SlotState {
    pub const ALL: [SlotState; 6] = [
        SlotState::Empty,
        SlotState::Drafted,
        SlotState::Ready,
        SlotState::Queued,
        SlotState::Published,
        SlotState::Skipped,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SlotState::Empty => "empty",
            SlotState::Drafted => "drafted",
            SlotState::Ready => "ready",
            SlotState::Queued => "queued",
            SlotState::Published => "published",
            SlotState::Skipped => "skipped",
        }
    }

    /// The Fluent id of its label: `calendar-state-<code>`.
    pub fn message_id(self) -> String {
        format!("calendar-state-{}", self.code())
    }

    /// Whether the officer still has to write or finish something: no ready draft.
    pub fn needs_a_ready_draft(self) -> bool {
        matches!(self, SlotState::Empty | SlotState::Drafted)
    }
}

/// How far the draft linked to an occurrence (or planned on a day) has come. The core maps its
/// draft status here: `draft` → Draft, `ready` → Ready, `queued` → Queued (a post of it waits
/// in the outbox), `published` → Published (its posts are out); an archived or deleted draft is
/// no draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum DraftProgress {
    Draft,
    Ready,
    Queued,
    Published,
}

impl DraftProgress {
    /// The calendar state of a draft at this stage.
    pub fn state(self) -> SlotState {
        match self {
            DraftProgress::Draft => SlotState::Drafted,
            DraftProgress::Ready => SlotState::Ready,
            DraftProgress::Queued => SlotState::Queued,
            DraftProgress::Published => SlotState::Published,
        }
    }
}

/// The state of `occurrence` given its linked draft. A skipped occurrence is skipped whatever
/// draft is still linked to it: it never counts as published.
pub fn slot_state(occurrence: &Occurrence, draft: Option<DraftProgress>) -> SlotState {
    if occurrence.skipped {
        return SlotState::Skipped;
    }
    draft.map_or(SlotState::Empty, DraftProgress::state)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn occ(skipped: bool) -> Occurrence {
        let at = chrono::NaiveDate::from_ymd_opt(2025, 8, 1)
            .and_then(|d| d.and_hms_opt(19, 0, 0))
            .expect("valid");
        Occurrence {
            original: at,
            at,
            episode: (!skipped).then_some(2),
            skipped,
            skip_reason: None,
            moved: false,
            version: 0,
        }
    }

    #[test]
    fn the_draft_decides_unless_skipped() {
        assert_eq!(slot_state(&occ(false), None), SlotState::Empty);
        assert_eq!(
            slot_state(&occ(false), Some(DraftProgress::Draft)),
            SlotState::Drafted
        );
        assert_eq!(
            slot_state(&occ(false), Some(DraftProgress::Published)),
            SlotState::Published
        );
        for p in [
            None,
            Some(DraftProgress::Ready),
            Some(DraftProgress::Published),
        ] {
            assert_eq!(slot_state(&occ(true), p), SlotState::Skipped);
        }
    }

    #[test]
    fn only_empty_and_drafted_need_work() {
        let needy: Vec<SlotState> = SlotState::ALL
            .into_iter()
            .filter(|s| s.needs_a_ready_draft())
            .collect();
        assert_eq!(needy, [SlotState::Empty, SlotState::Drafted]);
        assert_eq!(SlotState::Queued.message_id(), "calendar-state-queued");
    }
}

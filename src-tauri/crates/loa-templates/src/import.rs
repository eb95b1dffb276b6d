//! What importing a pack does to each template of it, decided from what the profile holds and
//! whether the officer asked to replace. Pure: the store looks up what it holds, calls
//! [`plan_import`], and writes only when the plan says so — so an officer's own template is
//! never overwritten by a pack without an explicit "replace".

use crate::{Pack, TemplateError};

/// What the profile holds under a template id, as far as importing cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held<'a> {
    /// Shipped with Loa (seeding owns it).
    Builtin,
    /// Made or changed by the officer (author mode, "save as").
    Own,
    /// From an earlier pack file.
    Imported {
        /// The id of the pack it came from.
        pack_id: &'a str,
        /// The template's own version.
        version: u32,
        /// The hash of its stored files ([`Pack::hash`] of the one-template pack).
        files_hash: &'a str,
    },
}

/// What happens to one template of the pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportAction {
    /// Nothing holds the id: the template is added.
    Add,
    /// An earlier import of the same pack at a lower version: the newer one replaces it. This
    /// is the ordinary way a district sends a corrected pack.
    Upgrade,
    /// The very same files are stored already: nothing to write.
    Unchanged,
    /// The officer asked to replace, and the id held one of their templates (their own, one
    /// from another pack, or an equal or newer version of the same pack).
    Replace,
}

/// The decision for every template of a pack, in the pack's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPlan {
    pub steps: Vec<(String, ImportAction)>,
}

impl ImportPlan {
    /// The templates that will be written (every step but [`ImportAction::Unchanged`]).
    pub fn writes(&self) -> impl Iterator<Item = &str> {
        self.steps
            .iter()
            .filter(|(_, a)| *a != ImportAction::Unchanged)
            .map(|(id, _)| id.as_str())
    }
}

/// Decides what importing `pack` does. `held` says what the profile holds under an id, and
/// `files_hash` is the hash of a template's files as they would be stored (the store keeps
/// [`Pack::hash`] of [`Pack::subset`] of that one template).
///
/// - A built-in id is refused whatever `replace` says: built-in templates come back with every
///   upgrade, so the pack would be silently undone ([`TemplateError::ImportBuiltinId`]).
/// - Without `replace`, a template that would overwrite the officer's own, one from another
///   pack, or an equal or newer version of the same pack with other files is refused; every
///   such id is named at once ([`TemplateError::ImportWouldReplace`]) so the officer decides
///   once. Nothing is written in either case.
pub fn plan_import<'a>(
    pack: &Pack,
    held: impl Fn(&str) -> Option<Held<'a>>,
    files_hash: impl Fn(&str) -> Result<String, TemplateError>,
    replace: bool,
) -> Result<ImportPlan, TemplateError> {
    let mut steps = Vec::new();
    let mut conflicts = Vec::new();
    for t in pack.templates() {
        let id = t.id.as_str();
        let action = match held(id) {
            None => ImportAction::Add,
            Some(Held::Builtin) => {
                return Err(TemplateError::ImportBuiltinId { id: id.to_owned() });
            }
            Some(Held::Imported {
                pack_id,
                version,
                files_hash: stored,
            }) if pack_id == pack.id() => {
                if files_hash(id)? == stored {
                    ImportAction::Unchanged
                } else if t.version > version {
                    ImportAction::Upgrade
                } else if replace {
                    ImportAction::Replace
                } else {
                    conflicts.push(id.to_owned());
                    continue;
                }
            }
            Some(Held::Own | Held::Imported { .. }) if replace => ImportAction::Replace,
            Some(Held::Own | Held::Imported { .. }) => {
                conflicts.push(id.to_owned());
                continue;
            }
        };
        steps.push((id.to_owned(), action));
    }
    if !conflicts.is_empty() {
        return Err(TemplateError::ImportWouldReplace {
            count: conflicts.len(),
            ids: conflicts.join(", "),
        });
    }
    Ok(ImportPlan { steps })
}

/// [`plan_import`] with the stored-files hash computed from the pack itself.
pub fn plan_pack_import<'a>(
    pack: &Pack,
    held: impl Fn(&str) -> Option<Held<'a>>,
    replace: bool,
) -> Result<ImportPlan, TemplateError> {
    plan_import(
        pack,
        held,
        |id| Ok(pack.subset(&[id])?.hash().to_owned()),
        replace,
    )
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::test_pack::tiny_pack_files;

    fn pack() -> Pack {
        Pack::from_files(tiny_pack_files()).expect("valid")
    }

    fn plan(held: &HashMap<&str, Held<'_>>, replace: bool) -> Result<ImportPlan, TemplateError> {
        plan_pack_import(&pack(), |id| held.get(id).copied(), replace)
    }

    fn hash_of(id: &str) -> String {
        pack().subset(&[id]).expect("subset").hash().to_owned()
    }

    #[test]
    fn new_ids_are_added() {
        let p = plan(&HashMap::new(), false).expect("plan");
        assert_eq!(
            p.steps,
            [
                ("notice".to_owned(), ImportAction::Add),
                ("poster".to_owned(), ImportAction::Add)
            ]
        );
        assert_eq!(p.writes().count(), 2);
    }

    #[test]
    fn the_officers_own_template_is_never_replaced_silently() {
        let held = HashMap::from([("notice", Held::Own)]);
        assert_eq!(
            plan(&held, false),
            Err(TemplateError::ImportWouldReplace {
                ids: "notice".into(),
                count: 1
            })
        );
        let p = plan(&held, true).expect("replace asked");
        assert_eq!(p.steps[0], ("notice".to_owned(), ImportAction::Replace));
    }

    #[test]
    fn every_conflict_is_named_at_once() {
        let held = HashMap::from([
            ("notice", Held::Own),
            (
                "poster",
                Held::Imported {
                    pack_id: "another-pack",
                    version: 1,
                    files_hash: "x",
                },
            ),
        ]);
        assert_eq!(
            plan(&held, false),
            Err(TemplateError::ImportWouldReplace {
                ids: "notice, poster".into(),
                count: 2
            })
        );
    }

    #[test]
    fn built_in_ids_are_refused_even_with_replace() {
        let held = HashMap::from([("poster", Held::Builtin)]);
        for replace in [false, true] {
            assert_eq!(
                plan(&held, replace),
                Err(TemplateError::ImportBuiltinId {
                    id: "poster".into()
                })
            );
        }
    }

    #[test]
    fn the_same_pack_upgrades_and_never_downgrades_silently() {
        // notice is version 2 in the pack.
        let same = hash_of("notice");
        let older = HashMap::from([(
            "notice",
            Held::Imported {
                pack_id: "test-pack",
                version: 1,
                files_hash: "old",
            },
        )]);
        assert_eq!(
            plan(&older, false).expect("plan").steps[0].1,
            ImportAction::Upgrade
        );
        let identical = HashMap::from([(
            "notice",
            Held::Imported {
                pack_id: "test-pack",
                version: 2,
                files_hash: same.as_str(),
            },
        )]);
        let p = plan(&identical, false).expect("plan");
        assert_eq!(p.steps[0].1, ImportAction::Unchanged);
        assert_eq!(p.writes().collect::<Vec<_>>(), ["poster"]);
        let newer = HashMap::from([(
            "notice",
            Held::Imported {
                pack_id: "test-pack",
                version: 3,
                files_hash: "newer",
            },
        )]);
        assert!(matches!(
            plan(&newer, false),
            Err(TemplateError::ImportWouldReplace { .. })
        ));
        assert_eq!(
            plan(&newer, true).expect("plan").steps[0].1,
            ImportAction::Replace
        );
    }
}

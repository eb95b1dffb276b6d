//! Attaching ready-made photos to a draft for posting (`loa draft attach`).
//!
//! Each file is imported into the library and appended to the draft in order. Its upload-ready
//! copy is the file itself when it can be posted as it is: a JPEG, upright (EXIF orientation 1),
//! within Facebook's photo size (`loa_platforms::FACEBOOK`) and without a GPS position. Anything
//! else goes through the `facebook` preset, so a photo never leaves with its location. (A
//! channel with a smaller limit, Zalo's, refuses a bigger photo when it is queued.)

use std::path::{Path, PathBuf};

use super::Publishing;
use crate::media::{library, prepare};
use crate::{DraftPhoto, MediaSource, NewDraftPhoto, PhotoPreset, Result};

/// Whether a library photo can be posted as it is.
fn postable_as_is(item: &crate::MediaItem) -> bool {
    item.ext == "jpg"
        && item.orientation == 1
        && !item.has_location
        && u64::try_from(item.bytes).is_ok_and(|b| {
            loa_platforms::FACEBOOK
                .max_photo_bytes
                .is_none_or(|max| b <= max)
        })
}

impl Publishing<'_> {
    /// Imports `paths` and appends them to the draft in order, each with an upload-ready copy
    /// (see the module docs). Returns the draft's photos.
    pub fn attach_for_posting(&self, draft_id: i64, paths: &[PathBuf]) -> Result<Vec<DraftPhoto>> {
        // Fail before importing anything if the draft cannot take photos.
        self.store.media().of_draft(draft_id)?;
        let mut items = Vec::with_capacity(paths.len());
        for path in paths {
            items.push(self.store.media().import_file(path, MediaSource::Dialog)?.0);
        }
        let new: Vec<NewDraftPhoto> = items
            .iter()
            .map(|m| NewDraftPhoto {
                media_id: m.id,
                alt_text: String::new(),
            })
            .collect();
        let attached = self.store.media().attach(draft_id, &new)?;
        let settings = self.store.media().watermark_settings()?;
        let opts = prepare::pipeline_options(PhotoPreset::Facebook, None, &settings).build();
        let dir = prepare::prepared_dir(self.store.dir(), draft_id);
        for photo in attached
            .iter()
            .filter(|p| items.iter().any(|m| m.id == p.media.id))
        {
            let source =
                library::file_path(self.store.dir(), &photo.media.sha256, &photo.media.ext);
            let ready: PathBuf = if postable_as_is(&photo.media) {
                source
            } else {
                std::fs::create_dir_all(&dir).map_err(|e| crate::LoaError::MediaStore {
                    path: dir.clone(),
                    source: e,
                })?;
                let job = prepare::Job {
                    media_id: photo.media.id,
                    position: photo.position,
                    source,
                    original_name: photo.media.original_name.clone(),
                };
                prepare::run_one(&job, &opts, &dir)?.0
            };
            let path = ready.display().to_string();
            self.store.write(|tx, _| {
                crate::media::draft_photos::set_prepared_path(
                    tx,
                    draft_id,
                    photo.media.id,
                    Some(path.as_str()),
                )
            })?;
        }
        self.store.media().of_draft(draft_id)
    }
}

/// The library copy of a photo (for tests and the UI's "open file").
pub fn library_file(profile: &Path, item: &crate::MediaItem) -> PathBuf {
    library::file_path(profile, &item.sha256, &item.ext)
}

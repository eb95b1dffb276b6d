//! The checks see a draft's photos: a photo without alternative text is pointed out.

use loa_core::{MediaSource, NewDraft, NewDraftPhoto, Store};

#[test]
fn a_photo_without_alt_text_is_a_finding_until_it_has_one() {
    let Some(photo) = loa_testdata::path("photos-exif/recurser-orientation/Landscape_1.jpg") else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open");
    let draft = store
        .drafts()
        .create(&NewDraft {
            title: "Cầu treo bản Nà Hừ".into(),
            body: "Bà con qua cầu mới.".into(),
            ..NewDraft::default()
        })
        .expect("draft");
    let imported = store.media().import(&[photo], MediaSource::Dialog);
    let media = imported[0].1.as_ref().expect("imported").id;
    store
        .media()
        .attach(
            draft.id,
            &[NewDraftPhoto {
                media_id: media,
                alt_text: String::new(),
            }],
        )
        .expect("attach");
    let codes = |s: &Store| -> Vec<String> {
        s.drafts()
            .check(draft.id)
            .expect("check")
            .into_iter()
            .map(|f| f.code)
            .collect()
    };
    assert!(
        codes(&store).contains(&"photo_alt_missing".to_owned()),
        "{:?}",
        codes(&store)
    );
    store
        .media()
        .set_alt_text(draft.id, media, "Cây cầu treo mới ở bản Nà Hừ")
        .expect("alt");
    assert!(!codes(&store).contains(&"photo_alt_missing".to_owned()));
}

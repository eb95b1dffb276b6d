//! Using a template from the app: sample data, thumbnails, previews and "create draft", with a
//! stand-in renderer (the real one, Typst, lives in `loa-render`, which the core does not know).

use std::path::Path;
use std::sync::Mutex;

use loa_core::templates::drafts::{FULL_PIXEL_PER_PT, THUMB_PIXEL_PER_PT};
use loa_core::{
    Lang, LoaError, MediaSource, RasterOptions, RenderedImage, Store, TemplateRenderer,
    TemplateRequest, TemplateValue, Topic,
};
use loa_templates::{Pack, RawData, Size};

/// A 4×5 px red PNG: what the stand-in "renders".
const PNG: [u8; 73] = [
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 4, 0, 0, 0, 5, 8, 2, 0,
    0, 0, 237, 207, 218, 140, 0, 0, 0, 16, 73, 68, 65, 84, 120, 156, 99, 56, 33, 160, 7, 71, 12,
    100, 112, 0, 165, 163, 20, 121, 235, 220, 104, 71, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96,
    130,
];

/// One render asked of the stand-in.
#[derive(Debug, Clone)]
struct Call {
    id: String,
    lang: Lang,
    size: Size,
    pixel_per_pt: f32,
    compact: bool,
    raw: RawData,
}

/// Records each call; the caption carries the title, so tests see what was sent.
#[derive(Default)]
struct FakeRenderer {
    calls: Mutex<Vec<Call>>,
    fail: Option<LoaError>,
}

impl TemplateRenderer for FakeRenderer {
    fn render_png(
        &self,
        _pack: &Pack,
        id: &str,
        raw: &RawData,
        lang: Lang,
        size: Size,
        options: RasterOptions,
    ) -> Result<RenderedImage, LoaError> {
        self.calls.lock().expect("lock").push(Call {
            id: id.to_owned(),
            lang,
            size,
            pixel_per_pt: options.pixel_per_pt,
            compact: options.compact,
            raw: raw.clone(),
        });
        if let Some(LoaError::Render {
            code,
            message_id,
            args,
        }) = &self.fail
        {
            return Err(LoaError::Render {
                code: code.clone(),
                message_id: message_id.clone(),
                args: args.clone(),
            });
        }
        let title = raw
            .values
            .get("title")
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        Ok(RenderedImage {
            png: PNG.to_vec(),
            width: 4,
            height: 5,
            caption: format!("Chú ý: {title}\n#{id}"),
            render_ms: 1.0,
        })
    }
}

fn open(dir: &Path) -> Store {
    Store::open(dir).expect("opens")
}

fn text(v: &Option<TemplateValue>) -> &str {
    match v {
        Some(TemplateValue::Text(s)) => s,
        other => panic!("expected text, got {other:?}"),
    }
}

#[test]
fn the_sample_prefills_every_field_in_its_shape() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path());
    let vi = store
        .templates()
        .sample("vaccination", Lang::Vi)
        .expect("sample");
    let info = store.templates().get("vaccination").expect("template");
    assert_eq!(
        vi.len(),
        info.manifest.fields.len(),
        "every field, filled or not"
    );
    assert!(text(&vi["title"]).contains("Sởi"));
    assert_eq!(text(&vi["date"]), "2025-07-29");
    assert!(matches!(&vi["bring"], Some(TemplateValue::List(items)) if items.len() == 3));
    let en = store
        .templates()
        .sample("vaccination", Lang::En)
        .expect("sample");
    assert_ne!(vi["title"], en["title"], "each language has its own sample");

    let hours = store
        .templates()
        .sample("citizen-reception", Lang::Vi)
        .expect("sample");
    assert!(
        matches!(&hours["schedule"], Some(TemplateValue::Table(rows)) if !rows.is_empty() && rows[0].len() == 4)
    );
}

#[test]
fn a_sample_photo_is_copied_out_of_the_pack_for_the_form() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path());
    let data = store
        .templates()
        .sample("feature-cover", Lang::Vi)
        .expect("sample");
    let path = text(&data["photo"]);
    assert!(
        Path::new(path).starts_with(dir.path()),
        "{path} is in the profile"
    );
    assert!(Path::new(path).is_file(), "{path} exists");
    // Asking again finds the copy in place.
    assert_eq!(
        store
            .templates()
            .sample("feature-cover", Lang::Vi)
            .expect("sample")["photo"],
        data["photo"]
    );
}

#[test]
fn a_library_photo_is_sent_as_its_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path());
    let photo = dir.path().join("in.png");
    std::fs::write(&photo, PNG).expect("write");
    let (item, _) = store
        .media()
        .import_file(&photo, MediaSource::Dialog)
        .expect("import");
    let mut data = loa_core::TemplateData::new();
    data.insert(
        "photo".into(),
        Some(TemplateValue::Photo { media_id: item.id }),
    );
    data.insert("title".into(), None);
    let raw = store.templates().raw_data(&data).expect("raw");
    let path = raw.values["photo"].as_str().expect("a path");
    assert_eq!(Path::new(path), store.media().path(item.id).expect("path"));
    assert!(raw.values["title"].is_null());
    data.insert("photo".into(), Some(TemplateValue::Photo { media_id: 999 }));
    assert!(matches!(
        store.templates().raw_data(&data),
        Err(LoaError::MediaNotFound { id: 999 })
    ));
}

#[test]
fn thumbnails_are_drawn_once_small_and_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path());
    let r = FakeRenderer::default();
    let first = store
        .templates()
        .thumbnail(&r, "heavy-rain", Lang::Vi)
        .expect("thumbnail");
    assert_eq!(first, PNG);
    let again = store
        .templates()
        .thumbnail(&r, "heavy-rain", Lang::Vi)
        .expect("thumbnail");
    assert_eq!(again, first);
    store
        .templates()
        .thumbnail(&r, "heavy-rain", Lang::En)
        .expect("thumbnail");
    let calls = r.calls.lock().expect("lock");
    assert_eq!(
        calls.len(),
        2,
        "the second Vietnamese card came from the cache"
    );
    let c = &calls[0];
    assert_eq!(
        (c.id.as_str(), c.lang, c.size),
        ("heavy-rain", Lang::Vi, Size::Portrait)
    );
    assert_eq!((c.pixel_per_pt, c.compact), (THUMB_PIXEL_PER_PT, true));
    assert!(
        c.raw.values["title"]
            .as_str()
            .is_some_and(|t| !t.is_empty()),
        "drawn with the sample"
    );
    assert_eq!(calls[1].lang, Lang::En);
}

#[test]
fn a_preview_of_a_print_page_is_drawn_at_one_pixel_per_point() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path());
    let r = FakeRenderer::default();
    let data = store
        .templates()
        .sample("meeting", Lang::Vi)
        .expect("sample");
    let mut req = TemplateRequest {
        template_id: "meeting".into(),
        lang: Lang::Vi,
        size: Size::A4,
        data,
    };
    let p = store.templates().preview(&r, &req).expect("preview");
    assert_eq!(p.png, PNG);
    assert!(p.info.caption.starts_with("Chú ý: "));
    req.size = Size::Square;
    store.templates().preview(&r, &req).expect("preview");
    let calls = r.calls.lock().expect("lock");
    assert_eq!((calls[0].pixel_per_pt, calls[0].compact), (1.0, false));
    assert_eq!(
        (calls[1].pixel_per_pt, calls[1].compact),
        (FULL_PIXEL_PER_PT, false)
    );
}

#[test]
fn create_draft_attaches_the_image_with_the_caption_as_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path());
    let r = FakeRenderer::default();
    let mut data = store
        .templates()
        .sample("vaccination", Lang::Vi)
        .expect("sample");
    // Typed in NFD, as some keyboards send it.
    data.insert(
        "title".into(),
        Some(TemplateValue::Text("Tie\u{302}m bu\u{300} đợt 2".into())),
    );
    let req = TemplateRequest {
        template_id: "vaccination".into(),
        lang: Lang::Vi,
        size: Size::Portrait,
        data,
    };
    let made = store.templates().create_draft(&r, &req).expect("created");
    assert_eq!(made.draft.title, "Tiêm bù đợt 2");
    assert!(made.draft.body.starts_with("Chú ý: "));
    assert_eq!(made.draft.lang, Lang::Vi);
    assert_eq!(made.draft.topic, Topic::Health);
    assert_eq!(made.photos.len(), 1);
    let photo = &made.photos[0];
    assert_eq!(photo.alt_text, "Lịch tiêm chủng – Tiêm bù đợt 2");
    assert_eq!(
        (
            photo.media.ext.as_str(),
            photo.media.width,
            photo.media.height
        ),
        ("png", 4, 5)
    );
    assert_eq!(photo.media.original_name, "vaccination-1080x1350.png");
    assert!(store.media().path(photo.media.id).expect("path").is_file());
    assert_eq!(
        store.media().of_draft(made.draft.id).expect("photos"),
        made.photos
    );
    let calls = r.calls.lock().expect("lock");
    assert_eq!(
        (calls[0].pixel_per_pt, calls[0].compact),
        (FULL_PIXEL_PER_PT, true),
        "full size, small file"
    );
}

#[test]
fn a_template_without_a_title_field_names_the_draft() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path());
    let r = FakeRenderer::default();
    let mut data = store
        .templates()
        .sample("outage", Lang::En)
        .expect("sample");
    data.insert("title".into(), None);
    let req = TemplateRequest {
        template_id: "outage".into(),
        lang: Lang::En,
        size: Size::Square,
        data,
    };
    let made = store.templates().create_draft(&r, &req).expect("created");
    assert_eq!(made.draft.title, "Power or water outage notice");
    assert_eq!(made.photos[0].alt_text, "Power or water outage notice");
}

#[test]
fn a_failed_render_makes_no_draft() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path());
    let r = FakeRenderer {
        fail: Some(LoaError::Render {
            code: "too_many_pages".into(),
            message_id: "render-error-too-many-pages".into(),
            args: [("pages".to_owned(), "2".to_owned())].into(),
        }),
        ..FakeRenderer::default()
    };
    let req = TemplateRequest {
        template_id: "meeting".into(),
        lang: Lang::Vi,
        size: Size::Portrait,
        data: store
            .templates()
            .sample("meeting", Lang::Vi)
            .expect("sample"),
    };
    let err = store.templates().create_draft(&r, &req).expect_err("fails");
    assert_eq!(err.message_id(), "render-error-too-many-pages");
    assert!(store.drafts().list().expect("drafts").is_empty());
    assert!(store.media().list().expect("media").is_empty());
}

#[test]
fn a_draft_takes_the_templates_topic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path());
    let r = FakeRenderer::default();
    for (id, topic) in [
        ("heavy-rain", Topic::WeatherDisaster),
        ("landslide-flood", Topic::WeatherDisaster),
        ("scam-warning", Topic::SecurityScam),
        ("vaccination", Topic::Health),
    ] {
        let req = TemplateRequest {
            template_id: id.into(),
            lang: Lang::Vi,
            size: Size::Portrait,
            data: store.templates().sample(id, Lang::Vi).expect("sample"),
        };
        let made = store.templates().create_draft(&r, &req).expect("created");
        assert_eq!(made.draft.topic, topic, "{id}");
    }
}

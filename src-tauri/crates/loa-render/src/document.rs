//! Documents that are not templates — a report of several pages — rendered in the same sealed
//! world as templates: the caller's Typst source and data files, the bundled fonts, nothing from
//! the machine. Unlike a template, a document may run over many pages.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use typst::diag::Warned;
use typst::foundations::Smart;
use typst::utils::Scalar;
use typst_layout::PagedDocument;

use crate::renderer::{MAX_PNG_PIXELS, describe, points, typst_error};
use crate::world::{PackFiles, PackWorld, file_id};
use crate::{Format, RenderError, RenderOptions, Renderer, TEXT_CUT_WARNING};

/// The path of a document's main source inside its world.
pub const DOCUMENT_MAIN: &str = "main.typ";

/// A document to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The main Typst source (read as `/main.typ`).
    pub main: String,
    /// Other files the source reads, by path from the root (`data.json` → `json("/data.json")`).
    pub files: BTreeMap<String, Vec<u8>>,
    /// A stable identifier written into the PDF (`loa/report/2026-01`), so the same document
    /// gives the same file.
    pub ident: String,
}

/// A rendered document.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedDocument {
    pub format: Format,
    /// PDF: one item, the file. PNG: one image per page, in order.
    pub files: Vec<Vec<u8>>,
    pub pages: usize,
    /// The first page's size: pixels for PNG, points for PDF.
    pub width: u32,
    pub height: u32,
    /// Typst's warnings, and text that runs off a page (empty for a good layout).
    pub warnings: Vec<String>,
}

impl Renderer {
    /// Renders `doc` to a PDF or to one PNG per page.
    pub fn render_document(
        &self,
        doc: &Document,
        format: Format,
        options: &RenderOptions,
    ) -> Result<RenderedDocument, RenderError> {
        let bad_path = |path: &str| RenderError::Typst {
            message: format!("bad document path {path}"),
            file: None,
            line: None,
        };
        let main = file_id(DOCUMENT_MAIN).ok_or_else(|| bad_path(DOCUMENT_MAIN))?;
        let files = Arc::new(PackFiles::from_files(
            std::iter::once((DOCUMENT_MAIN, doc.main.as_bytes())).chain(
                doc.files
                    .iter()
                    .filter(|(path, _)| path.as_str() != DOCUMENT_MAIN)
                    .map(|(path, data)| (path.as_str(), data.as_slice())),
            ),
        ));
        // Documents read their data from files: `sys.inputs` is the shared library's, empty.
        let inputs = HashMap::new();
        let world = PackWorld {
            library: &self.library,
            fonts: &self.fonts,
            main,
            files,
            inputs: &inputs,
        };
        let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
        let mut warnings: Vec<String> = warnings.iter().map(|w| describe(&world, w)).collect();
        let document = output.map_err(|errors| typst_error(&world, &errors))?;
        self.after_render();
        let pages = document.pages().len();
        let ppp = f64::from(options.pixel_per_pt);
        for (n, page) in document.pages().iter().enumerate() {
            let size = page.frame.size();
            let (w, h) = (size.x.to_pt(), size.y.to_pt());
            // Our own layouts, but the officer's data: a page that would ask the rasteriser for
            // gigabytes is refused before a pixel is drawn, as for templates.
            let pixels = w * ppp * h * ppp;
            if !(w.is_finite() && h.is_finite())
                || (format == Format::Png && (pixels.is_nan() || pixels > MAX_PNG_PIXELS))
            {
                return Err(RenderError::PageTooLarge {
                    width: points(w),
                    height: points(h),
                    size: format!("page {}", n + 1),
                });
            }
            let cut = crate::fit::text_outside(page);
            if !cut.is_empty() {
                warnings.push(format!("{TEXT_CUT_WARNING} (page {}): {cut:?}", n + 1));
            }
        }
        let first = document.pages().first().map(|p| p.frame.size());
        let (width, height) = first.map_or((0, 0), |s| match format {
            Format::Png => (points(s.x.to_pt() * ppp), points(s.y.to_pt() * ppp)),
            Format::Pdf => (points(s.x.to_pt()), points(s.y.to_pt())),
        });
        let files = match format {
            Format::Pdf => {
                let pdf_options = typst_pdf::PdfOptions {
                    ident: Smart::Custom(doc.ident.clone()),
                    ..typst_pdf::PdfOptions::default()
                };
                vec![
                    typst_pdf::pdf(&document, &pdf_options)
                        .map_err(|errors| typst_error(&world, &errors))?,
                ]
            }
            Format::Png => document
                .pages()
                .iter()
                .map(|page| {
                    let pixmap = typst_render::render(
                        page,
                        &typst_render::RenderOptions {
                            pixel_per_pt: Scalar::new(f64::from(options.pixel_per_pt)),
                            render_bleed: false,
                        },
                    );
                    crate::png::encode(
                        pixmap.data(),
                        pixmap.width(),
                        pixmap.height(),
                        options.png_compression,
                    )
                })
                .collect::<Result<_, _>>()?,
        };
        Ok(RenderedDocument {
            format,
            files,
            pages,
            width,
            height,
            warnings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(main: &str) -> Document {
        Document {
            main: main.to_owned(),
            files: BTreeMap::from([(
                "data.json".to_owned(),
                r#"{"name":"Xã Nà Hẩu","pages":3}"#.as_bytes().to_vec(),
            )]),
            ident: "loa/test".into(),
        }
    }

    #[test]
    fn a_document_runs_over_several_pages_and_reads_its_data_file() {
        let r = Renderer::new();
        let src = r#"#let d = json("/data.json")
#set page(width: 200pt, height: 200pt)
#for i in range(d.pages) [#d.name #i #pagebreak(weak: true)]"#;
        let png = r
            .render_document(&doc(src), Format::Png, &RenderOptions::default())
            .expect("png");
        assert_eq!(png.pages, 3);
        assert_eq!(png.files.len(), 3);
        assert!(png.files.iter().all(|f| f.starts_with(b"\x89PNG")));
        let pdf = r
            .render_document(&doc(src), Format::Pdf, &RenderOptions::default())
            .expect("pdf");
        assert_eq!((pdf.pages, pdf.files.len()), (3, 1));
        assert!(pdf.files[0].starts_with(b"%PDF-"));
    }

    #[test]
    fn the_machine_stays_out_of_reach() {
        let r = Renderer::new();
        let e = r
            .render_document(
                &doc(r#"#read("/etc/passwd")"#),
                Format::Pdf,
                &RenderOptions::default(),
            )
            .expect_err("no file system");
        assert_eq!(e.code(), "typst");
        // Nothing reaches a document through `sys.inputs`: it is empty.
        let e = r
            .render_document(
                &doc(r#"#sys.inputs.at("x")"#),
                Format::Pdf,
                &RenderOptions::default(),
            )
            .expect_err("no inputs");
        assert_eq!(e.code(), "typst");
        r.render_document(
            &doc(r#"#assert(sys.inputs.len() == 0)"#),
            Format::Pdf,
            &RenderOptions::default(),
        )
        .expect("an empty sys.inputs");
    }
}

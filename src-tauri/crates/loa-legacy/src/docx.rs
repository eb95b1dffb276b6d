//! Text of a Word .docx: paragraphs of word/document.xml as lines, with run fonts honoured.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::bounds::{Bounds, Meter};
use crate::{ExtractError, FontClass, render_runs};

pub(crate) fn extract(bytes: &[u8], bounds: &Bounds) -> Result<String, ExtractError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ExtractError::Docx(format!("not a zip archive: {e}")))?;
    let file = zip
        .by_name("word/document.xml")
        .map_err(|e| ExtractError::Docx(format!("no word/document.xml: {e}")))?;
    let too_large = || ExtractError::TooLarge {
        limit_mb: bounds.max_part_bytes.div_ceil(1024 * 1024),
    };
    // A zip bomb says how large it will be: refuse it before inflating a byte. The declared
    // size can lie, so the read below stops one byte past the cap all the same.
    if file.size() > bounds.max_part_bytes {
        return Err(too_large());
    }
    let mut raw = Vec::new();
    file.take(bounds.max_part_bytes + 1)
        .read_to_end(&mut raw)
        .map_err(|e| ExtractError::Docx(format!("cannot read word/document.xml: {e}")))?;
    if raw.len() as u64 > bounds.max_part_bytes {
        return Err(too_large());
    }
    let xml = String::from_utf8(raw)
        .map_err(|_| ExtractError::Docx("word/document.xml is not UTF-8".to_owned()))?;
    parse(&xml, Meter::new(*bounds))
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// The font of a <w:rFonts>: the one used for non-ASCII characters first.
fn font_of(e: &BytesStart<'_>) -> Option<String> {
    let mut ascii = None;
    let mut hansi = None;
    for a in e.attributes().flatten() {
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .ok()?
            .into_owned();
        match local(a.key.as_ref()) {
            "hAnsi" => hansi = Some(value),
            "ascii" => ascii = Some(value),
            _ => {}
        }
    }
    hansi.or(ascii)
}

fn parse(xml: &str, mut meter: Meter) -> Result<String, ExtractError> {
    let mut reader = Reader::from_str(xml);
    let mut runs: Vec<(FontClass, String)> = Vec::new();
    let mut push = |class: FontClass, s: &str, meter: &mut Meter| -> Result<(), ExtractError> {
        meter.text(s.len())?;
        match runs.last_mut() {
            Some((k, t)) if *k == class => t.push_str(s),
            _ => runs.push((class, s.to_owned())),
        }
        Ok(())
    };
    let mut in_text = false;
    let mut in_run = false;
    let mut in_run_props = false;
    let mut fallback_depth = 0usize;
    let mut class = FontClass::Plain;
    loop {
        meter.tick()?;
        let event = reader
            .read_event()
            .map_err(|e| ExtractError::Docx(format!("bad XML in word/document.xml: {e}")))?;
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                let name = local(e.name().as_ref()).to_owned();
                if fallback_depth > 0 || name == "Fallback" {
                    fallback_depth += 1;
                    continue;
                }
                match name.as_str() {
                    "r" => {
                        in_run = true;
                        class = FontClass::Plain;
                    }
                    "rPr" if in_run => in_run_props = true,
                    "t" if in_run => in_text = true,
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if fallback_depth > 0 {
                    continue;
                }
                match local(e.name().as_ref()) {
                    "rFonts" if in_run_props => {
                        class = font_of(&e).map_or(FontClass::Plain, |f| FontClass::of_font(&f));
                    }
                    "tab" if in_run => push(FontClass::Plain, "\t", &mut meter)?,
                    "br" | "cr" if in_run => push(FontClass::Plain, "\n", &mut meter)?,
                    "p" => push(FontClass::Plain, "\n", &mut meter)?,
                    _ => {}
                }
            }
            Event::End(e) => {
                if fallback_depth > 0 {
                    fallback_depth -= 1;
                    continue;
                }
                match local(e.name().as_ref()) {
                    "r" => {
                        in_run = false;
                        in_text = false;
                    }
                    "rPr" => in_run_props = false,
                    "t" => in_text = false,
                    "p" => push(FontClass::Plain, "\n", &mut meter)?,
                    _ => {}
                }
            }
            Event::Text(t) if in_text && fallback_depth == 0 => {
                push(class, &t.xml10_content(), &mut meter)?
            }
            Event::CData(t) if in_text && fallback_depth == 0 => push(class, &t, &mut meter)?,
            Event::GeneralRef(r) if in_text && fallback_depth == 0 => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &*r {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    push(class, c.encode_utf8(&mut [0u8; 4]), &mut meter)?;
                }
            }
            _ => {}
        }
    }
    let text = render_runs(&runs);
    Ok(text.trim_end_matches('\n').to_owned() + if text.is_empty() { "" } else { "\n" })
}

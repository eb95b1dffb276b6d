//! A small RTF reader: the text of the body, with fonts, code pages and \u escapes honoured.

use std::collections::HashMap;

use crate::bounds::{Bounds, Meter};
use crate::codepage::{cp1252, cp1258};
use crate::{ExtractError, FontClass, render_runs};

/// Destinations whose content is not body text (the list follows common RTF-to-text practice).
const SKIP_DESTINATIONS: &[&str] = &[
    "aftncn",
    "aftnsep",
    "aftnsepc",
    "annotation",
    "atnauthor",
    "atndate",
    "atnicn",
    "atnid",
    "atnparent",
    "atnref",
    "atntime",
    "atrfend",
    "atrfstart",
    "author",
    "background",
    "bkmkend",
    "bkmkstart",
    "blipuid",
    "buptim",
    "category",
    "colorschememapping",
    "colortbl",
    "comment",
    "company",
    "creatim",
    "datafield",
    "datastore",
    "defchp",
    "defpap",
    "do",
    "doccomm",
    "docvar",
    "dptxbxtext",
    "ebcend",
    "ebcstart",
    "factoidname",
    "falt",
    "fchars",
    "ffdeftext",
    "ffentrymcr",
    "ffexitmcr",
    "ffformat",
    "ffhelptext",
    "ffl",
    "ffname",
    "ffstattext",
    "file",
    "filetbl",
    "fldinst",
    "fldtype",
    "fname",
    "fontemb",
    "fontfile",
    "footer",
    "footerf",
    "footerl",
    "footerr",
    "footnote",
    "formfield",
    "ftncn",
    "ftnsep",
    "ftnsepc",
    "g",
    "generator",
    "gridtbl",
    "header",
    "headerf",
    "headerl",
    "headerr",
    "hl",
    "hlfr",
    "hlinkbase",
    "hlloc",
    "hlsrc",
    "hsv",
    "htmltag",
    "info",
    "keycode",
    "keywords",
    "latentstyles",
    "lchars",
    "levelnumbers",
    "leveltext",
    "lfolevel",
    "linkval",
    "list",
    "listlevel",
    "listname",
    "listoverride",
    "listoverridetable",
    "listpicture",
    "liststylename",
    "listtable",
    "listtext",
    "lsdlockedexcept",
    "macc",
    "mailmerge",
    "manager",
    "mmath",
    "nesttableprops",
    "nextfile",
    "nonesttables",
    "objalias",
    "objclass",
    "objdata",
    "object",
    "objname",
    "objsect",
    "objtime",
    "oldcprops",
    "oldpprops",
    "oldsprops",
    "oldtprops",
    "oleclsid",
    "operator",
    "panose",
    "password",
    "passwordhash",
    "pgp",
    "pgptbl",
    "picprop",
    "pict",
    "pn",
    "pnseclvl",
    "pntext",
    "pntxta",
    "pntxtb",
    "printim",
    "private",
    "propname",
    "protend",
    "protstart",
    "protusertbl",
    "pxe",
    "result",
    "revtbl",
    "revtim",
    "rsidtbl",
    "rxe",
    "shp",
    "shpgrp",
    "shpinst",
    "shppict",
    "shprslt",
    "shptxt",
    "sn",
    "sp",
    "staticval",
    "stylesheet",
    "subject",
    "sv",
    "svb",
    "tc",
    "template",
    "themedata",
    "title",
    "txe",
    "ud",
    "upr",
    "userprops",
    "wgrffmtfilter",
    "windowcaption",
    "writereservation",
    "writereservhash",
    "xe",
    "xform",
    "xmlattrname",
    "xmlattrvalue",
    "xmlclose",
    "xmlname",
    "xmlnstbl",
    "xmlopen",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dest {
    Text,
    Skip,
    FontTable,
}

#[derive(Debug, Clone, Copy)]
struct State {
    dest: Dest,
    font: Option<i32>,
    uc: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CodePage {
    Cp1252,
    Cp1258,
}

#[derive(Debug, Default)]
struct Font {
    name: String,
    charset: Option<i32>,
}

struct Reader<'a> {
    src: &'a [u8],
    pos: usize,
    stack: Vec<State>,
    state: State,
    fonts: HashMap<i32, Font>,
    font_def: Option<i32>,
    deff: Option<i32>,
    ansi: CodePage,
    runs: Vec<(FontClass, String)>,
    skip_fallback: usize,
    /// Set right after "{": the next control word may name a destination.
    group_start: bool,
    meter: Meter,
    /// The first limit hit while pushing text (pushes cannot return an error themselves).
    over: Option<ExtractError>,
}

pub(crate) fn extract(bytes: &[u8], bounds: &Bounds) -> Result<String, ExtractError> {
    let trimmed = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(&[][..], |i| &bytes[i..]);
    if !trimmed.starts_with(b"{\\rtf") {
        return Err(ExtractError::Rtf(if bytes.is_empty() {
            "empty file".to_owned()
        } else {
            "missing {\\rtf header".to_owned()
        }));
    }
    let mut r = Reader {
        src: trimmed,
        pos: 0,
        stack: Vec::new(),
        state: State {
            dest: Dest::Text,
            font: None,
            uc: 1,
        },
        fonts: HashMap::new(),
        font_def: None,
        deff: None,
        ansi: CodePage::Cp1252,
        runs: Vec::new(),
        skip_fallback: 0,
        group_start: false,
        meter: Meter::new(*bounds),
        over: None,
    };
    r.run()?;
    Ok(render_runs(&r.runs))
}

const MAX_DEPTH: usize = 4096;

impl Reader<'_> {
    fn run(&mut self) -> Result<(), ExtractError> {
        while self.pos < self.src.len() {
            self.meter.tick()?;
            if let Some(e) = self.over.take() {
                return Err(e);
            }
            let b = self.src[self.pos];
            self.pos += 1;
            match b {
                b'{' => {
                    if self.stack.len() >= MAX_DEPTH {
                        return Err(ExtractError::Rtf("groups nested too deeply".to_owned()));
                    }
                    self.stack.push(self.state);
                    self.group_start = true;
                    self.skip_fallback = 0;
                    continue;
                }
                b'}' => {
                    if self.state.dest == Dest::FontTable {
                        self.font_def = None;
                    }
                    match self.stack.pop() {
                        Some(s) => self.state = s,
                        // Text after the closing brace of the document is not RTF.
                        None => return self.over.take().map_or(Ok(()), Err),
                    }
                    self.skip_fallback = 0;
                }
                b'\\' => self.control()?,
                b'\r' | b'\n' => continue,
                _ => self.byte(b),
            }
            self.group_start = false;
        }
        match self.over.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    fn control(&mut self) -> Result<(), ExtractError> {
        let Some(&c) = self.src.get(self.pos) else {
            return Ok(());
        };
        if !c.is_ascii_alphabetic() {
            self.pos += 1;
            match c {
                b'\'' => {
                    let hex = self.src.get(self.pos..self.pos + 2).and_then(|h| {
                        std::str::from_utf8(h)
                            .ok()
                            .and_then(|s| u8::from_str_radix(s, 16).ok())
                    });
                    if let Some(v) = hex {
                        self.pos += 2;
                        self.byte(v);
                    }
                }
                b'*' => {
                    if self.group_start {
                        self.state.dest = Dest::Skip;
                    }
                    return Ok(());
                }
                b'~' => self.special('\u{A0}'),
                b'_' => self.special('-'),
                b'-' => {}
                b'\\' | b'{' | b'}' => self.byte(c),
                b'\r' | b'\n' => self.special('\n'),
                _ => {}
            }
            return Ok(());
        }
        let start = self.pos;
        while self.pos < self.src.len()
            && self.src[self.pos].is_ascii_alphabetic()
            && self.pos - start < 32
        {
            self.pos += 1;
        }
        let word = String::from_utf8_lossy(&self.src[start..self.pos]).into_owned();
        let num_start = self.pos;
        if self.src.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        while self.pos < self.src.len()
            && self.src[self.pos].is_ascii_digit()
            && self.pos - num_start < 11
        {
            self.pos += 1;
        }
        let param: Option<i32> = std::str::from_utf8(&self.src[num_start..self.pos])
            .ok()
            .and_then(|s| s.parse().ok());
        if self.src.get(self.pos) == Some(&b' ') {
            self.pos += 1;
        }
        let first_in_group = self.group_start;
        self.group_start = false;
        self.word(&word, param, first_in_group);
        Ok(())
    }

    fn word(&mut self, word: &str, param: Option<i32>, first_in_group: bool) {
        if word == "bin" {
            let n = usize::try_from(param.unwrap_or(0)).unwrap_or(0);
            self.pos = self.pos.saturating_add(n).min(self.src.len());
            return;
        }
        if self.state.dest == Dest::Skip {
            return;
        }
        if word == "fonttbl" {
            self.state.dest = Dest::FontTable;
            return;
        }
        if self.state.dest == Dest::FontTable {
            match word {
                "f" => {
                    if let Some(n) = param {
                        self.font_def = Some(n);
                        self.fonts.entry(n).or_default();
                    }
                }
                "fcharset" => {
                    if let Some(n) = self.font_def
                        && let Some(f) = self.fonts.get_mut(&n)
                    {
                        f.charset = param;
                    }
                }
                _ if first_in_group && SKIP_DESTINATIONS.contains(&word) => {
                    self.state.dest = Dest::Skip;
                }
                _ => {}
            }
            return;
        }
        if SKIP_DESTINATIONS.contains(&word) {
            if first_in_group || matches!(word, "pict" | "fldinst" | "listtext" | "pntext") {
                self.state.dest = Dest::Skip;
            }
            return;
        }
        match word {
            "ansicpg" => {
                self.ansi = match param {
                    Some(1258) => CodePage::Cp1258,
                    _ => CodePage::Cp1252,
                }
            }
            "deff" => self.deff = param,
            "f" => self.state.font = param,
            "plain" => self.state.font = self.deff,
            "uc" => self.state.uc = usize::try_from(param.unwrap_or(1)).unwrap_or(1),
            "u" => {
                if let Some(n) = param {
                    let v = if n < 0 { n + 65536 } else { n };
                    let c = u32::try_from(v).ok().and_then(char::from_u32);
                    if let Some(c) = c {
                        self.unicode(c);
                    }
                    self.skip_fallback = self.state.uc;
                }
            }
            "par" | "line" | "row" | "sect" | "page" => self.special('\n'),
            "tab" => self.special('\t'),
            "cell" | "nestcell" => self.special('|'),
            "emdash" => self.special('—'),
            "endash" => self.special('–'),
            "bullet" => self.special('•'),
            "lquote" => self.special('‘'),
            "rquote" => self.special('’'),
            "ldblquote" => self.special('“'),
            "rdblquote" => self.special('”'),
            "emspace" | "enspace" | "qmspace" => self.special(' '),
            _ => {}
        }
    }

    fn class(&self) -> FontClass {
        self.state
            .font
            .or(self.deff)
            .and_then(|f| self.fonts.get(&f))
            .map_or(FontClass::Plain, |f| FontClass::of_font(&f.name))
    }

    fn push(&mut self, class: FontClass, c: char) {
        if self.over.is_none()
            && let Err(e) = self.meter.text(c.len_utf8())
        {
            self.over = Some(e);
        }
        if self.over.is_some() {
            return;
        }
        match self.runs.last_mut() {
            Some((k, s)) if *k == class => s.push(c),
            _ => self.runs.push((class, c.to_string())),
        }
    }

    /// Text produced by a control word: never legacy.
    fn special(&mut self, c: char) {
        if self.state.dest == Dest::Text {
            self.skip_fallback = 0;
            self.push(FontClass::Plain, c);
        }
    }

    /// A \uN character. In a legacy font a Windows-1252 character still stands for its byte.
    fn unicode(&mut self, c: char) {
        if self.state.dest != Dest::Text {
            return;
        }
        let class = self.class();
        let keep = class != FontClass::Plain && crate::codepage::is_cp1252_char(c);
        self.push(if keep { class } else { FontClass::Plain }, c);
    }

    /// A text byte (literal or \'hh).
    fn byte(&mut self, b: u8) {
        if self.skip_fallback > 0 {
            self.skip_fallback -= 1;
            return;
        }
        match self.state.dest {
            Dest::Skip => {}
            Dest::FontTable => {
                if let Some(n) = self.font_def
                    && let Some(f) = self.fonts.get_mut(&n)
                {
                    if b == b';' {
                        self.font_def = None;
                    } else {
                        f.name.push(cp1252(b));
                    }
                }
            }
            Dest::Text => {
                let class = self.class();
                let c = if class != FontClass::Plain {
                    cp1252(b)
                } else {
                    let charset = self
                        .state
                        .font
                        .or(self.deff)
                        .and_then(|f| self.fonts.get(&f))
                        .and_then(|f| f.charset);
                    match (charset, self.ansi) {
                        (Some(163), _) | (None | Some(0 | 1), CodePage::Cp1258) => cp1258(b),
                        _ => cp1252(b),
                    }
                };
                self.push(class, c);
            }
        }
    }
}

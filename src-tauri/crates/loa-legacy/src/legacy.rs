//! Word-level conversion of TCVN3, VNI-Windows and VIQR text, and the evidence used to detect them.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::codepage::is_cp1252_char;
use crate::syllable::is_vn_syllable;
use crate::tables::{LETTERS, TCVN3, VNI};

struct Maps {
    tcvn3: HashMap<char, (char, char)>,
    vni_pair: HashMap<(char, char), char>,
    vni_single: HashMap<char, char>,
    viqr: HashMap<String, char>,
}

fn maps() -> &'static Maps {
    static MAPS: OnceLock<Maps> = OnceLock::new();
    MAPS.get_or_init(|| {
        let tcvn3 = TCVN3.iter().map(|&(b, lo, up)| (b, (lo, up))).collect();
        let mut vni_pair = HashMap::new();
        let mut vni_single = HashMap::new();
        for &(seq, letter) in VNI.iter() {
            let mut it = seq.chars();
            match (it.next(), it.next()) {
                (Some(a), Some(b)) => {
                    vni_pair.insert((a, b), letter);
                }
                (Some(a), None) => {
                    vni_single.insert(a, letter);
                }
                _ => {}
            }
        }
        let viqr = LETTERS
            .iter()
            .map(|&(letter, _, _, viqr)| (viqr.to_owned(), letter))
            .collect();
        Maps {
            tcvn3,
            vni_pair,
            vni_single,
            viqr,
        }
    })
}

/// The Unicode reading of a TCVN3 character (as Windows-1252 gives it): normal font, capital font.
pub(crate) fn tcvn3_char(c: char) -> Option<(char, char)> {
    maps().tcvn3.get(&c).copied()
}

/// Converts a run known to be TCVN3 (for instance from its font), character by character.
/// `capital` is a .VnTimeH-style font: everything shows in capitals.
pub(crate) fn tcvn3_run(s: &str, capital: bool) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 2);
    for c in s.chars() {
        match (tcvn3_char(c), capital) {
            (Some((lo, _)), false) => out.push(lo),
            (Some((_, up)), true) => out.push(up),
            (None, true) => out.extend(c.to_uppercase()),
            (None, false) => out.push(c),
        }
    }
    out
}

/// Converts a run known to be VNI-Windows: two-character sequences first, then single letters.
pub(crate) fn vni_run(s: &str) -> String {
    let m = maps();
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(&next) = chars.get(i + 1)
            && let Some(&l) = m.vni_pair.get(&(c, next))
        {
            out.push(l);
            i += 2;
            continue;
        }
        out.push(m.vni_single.get(&c).copied().unwrap_or(c));
        i += 1;
    }
    out
}

/// Which single-byte legacy encoding a word-level pass works with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Legacy {
    Tcvn3,
    Vni,
}

impl Legacy {
    fn is_word_char(self, c: char) -> bool {
        match self {
            Legacy::Tcvn3 => c.is_alphanumeric() || tcvn3_char(c).is_some(),
            Legacy::Vni => c.is_alphanumeric(),
        }
    }

    fn word(self, w: &str) -> String {
        match self {
            Legacy::Tcvn3 => tcvn3_run(w, false),
            Legacy::Vni => vni_run(w),
        }
    }

    fn other(self) -> Legacy {
        match self {
            Legacy::Tcvn3 => Legacy::Vni,
            Legacy::Vni => Legacy::Tcvn3,
        }
    }
}

/// Splits text into (is_word, slice) segments.
fn segments(text: &str, is_word: impl Fn(char) -> bool) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut state: Option<bool> = None;
    for (i, c) in text.char_indices() {
        let w = is_word(c);
        match state {
            Some(s) if s == w => {}
            Some(s) => {
                out.push((s, &text[start..i]));
                start = i;
                state = Some(w);
            }
            None => state = Some(w),
        }
    }
    if let Some(s) = state {
        out.push((s, &text[start..]));
    }
    out
}

/// A word holding a letter no single-byte code page can produce is real Unicode, never legacy.
fn is_surely_unicode(w: &str) -> bool {
    w.chars().any(|c| !is_cp1252_char(c))
}

/// TCVN3 has no byte for a capital toned letter. When the plain letters of a line (or a word) are
/// all capitals, the toned letters were meant as capitals too.
fn tcvn3_case(s: &str) -> (usize, usize) {
    let (mut upper, mut lower) = (0, 0);
    for c in s.chars() {
        if c.is_ascii_uppercase() {
            upper += 1;
        } else if c.is_ascii_lowercase() {
            lower += 1;
        } else if let Some((lo, _)) = tcvn3_char(c)
            && matches!(
                lo,
                'Ă' | 'Â'
                    | 'Ê'
                    | 'Ô'
                    | 'Ơ'
                    | 'Ư'
                    | 'Đ'
                    | 'ă'
                    | 'â'
                    | 'ê'
                    | 'ô'
                    | 'ơ'
                    | 'ư'
                    | 'đ'
            )
        {
            if lo.is_uppercase() {
                upper += 1;
            } else {
                lower += 1;
            }
        }
    }
    (upper, lower)
}

/// Converts text in a single-byte legacy encoding, word by word, leaving real Unicode words alone.
pub(crate) fn convert_legacy(text: &str, enc: Legacy) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for line in text.split_inclusive('\n') {
        // A line that already holds proper Unicode Vietnamese keeps its good Unicode words.
        let line_mixed = unicode_vietnamese_words(line) > 0;
        let line_capital = enc == Legacy::Tcvn3 && {
            let (u, l) = tcvn3_case(line);
            u >= 3 && l == 0
        };
        for (is_word, seg) in segments(line, |c| enc.is_word_char(c)) {
            if !is_word {
                out.push_str(seg);
                continue;
            }
            let conv = if line_mixed && is_vn_syllable(seg) {
                seg.to_owned()
            } else {
                convert_word(seg, enc)
            };
            let capital = enc == Legacy::Tcvn3
                && conv != seg
                && (line_capital || {
                    let (u, l) = tcvn3_case(seg);
                    u >= 2 && l == 0
                });
            if capital {
                out.extend(conv.chars().flat_map(char::to_uppercase));
            } else {
                out.push_str(&conv);
            }
        }
    }
    out
}

fn convert_word(w: &str, enc: Legacy) -> String {
    if is_surely_unicode(w) {
        return w.to_owned();
    }
    let conv = enc.word(w);
    if conv == w {
        // A run of the other encoding inside this one (documents do mix them).
        let other = enc.other().word(w);
        if other != w && !is_vn_syllable(w) && is_vn_syllable(&other) {
            return other;
        }
        return conv;
    }
    let conv_ok = is_vn_syllable(&conv);
    if conv_ok {
        return conv;
    }
    if is_vn_syllable(w) {
        return w.to_owned();
    }
    let other = enc.other().word(w);
    if other != w && is_vn_syllable(&other) {
        return other;
    }
    conv
}

/// What the words of a text say about one encoding.
#[derive(Debug, Default)]
pub(crate) struct Evidence {
    /// Words that are not Vietnamese as they stand and become well-formed syllables.
    pub good: usize,
    /// Distinct (lowercased) converted forms of the good words.
    pub distinct: usize,
    /// Words the encoding would change into something that is not a syllable.
    pub bad: usize,
    /// Words the encoding would change that are already well-formed Unicode syllables.
    pub ambiguous: usize,
    /// Good words with an unmistakable mark (VIQR: a vowel modifier, or dd).
    pub strong: usize,
    /// Good words with both a modifier and a tone (VIQR), enough on their own.
    pub very_strong: usize,
    /// Legacy characters in the good words.
    pub legacy_chars: usize,
}

/// Evidence for TCVN3 or VNI.
pub(crate) fn evidence_legacy(text: &str, enc: Legacy) -> Evidence {
    let mut ev = Evidence::default();
    let mut distinct = HashSet::new();
    for (is_word, w) in segments(text, |c| enc.is_word_char(c)) {
        if !is_word || is_surely_unicode(w) {
            continue;
        }
        let conv = enc.word(w);
        if conv == w {
            continue;
        }
        // A lone symbol ("·", "µ", "§ 5") says nothing: evidence needs a plain letter beside it.
        if w.chars().count() < 2 || !w.chars().any(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        if is_vn_syllable(w) {
            ev.ambiguous += 1;
        } else if is_vn_syllable(&conv) {
            ev.good += 1;
            ev.legacy_chars += w.chars().filter(|c| !c.is_ascii()).count();
            distinct.insert(conv.to_lowercase());
        } else {
            ev.bad += 1;
        }
    }
    ev.distinct = distinct.len();
    ev
}

/// Words that only proper Unicode Vietnamese has (a letter beyond Windows-1252, a good syllable).
pub(crate) fn unicode_vietnamese_words(text: &str) -> usize {
    segments(text, char::is_alphabetic)
        .into_iter()
        .filter(|&(w, s)| w && is_surely_unicode(s) && is_vn_syllable(s))
        .count()
}

// ---------------------------------------------------------------- VIQR

fn is_viqr_mark(c: char) -> bool {
    matches!(c, '^' | '(' | '+' | '\'' | '`' | '?' | '~' | '.' | '\\')
}

fn is_modifier(c: char) -> bool {
    matches!(c, '^' | '(' | '+')
}

fn is_tone(c: char) -> bool {
    matches!(c, '\'' | '`' | '?' | '~' | '.')
}

struct ViqrWord {
    text: String,
    changed: bool,
    modifier: bool,
    tone: bool,
    dd: bool,
    marks: usize,
}

fn parse_viqr(tok: &[char], final_mark_is_tone: bool) -> ViqrWord {
    let m = maps();
    let n = tok.len();
    // A final "." or "?" is punctuation unless the sentence visibly goes on after it.
    let usable =
        |j: usize| j < n && (final_mark_is_tone || !(j == n - 1 && matches!(tok[j], '.' | '?')));
    let mut w = ViqrWord {
        text: String::with_capacity(n),
        changed: false,
        modifier: false,
        tone: false,
        dd: false,
        marks: 0,
    };
    let mut i = 0;
    while i < n {
        let c = tok[i];
        if c == '\\' && usable(i + 1) && is_viqr_mark(tok[i + 1]) {
            w.text.push(tok[i + 1]);
            i += 2;
            continue;
        }
        if i == 0 && matches!(c, 'd' | 'D') && i + 1 < n && matches!(tok[1], 'd' | 'D' | '9') {
            w.text.push(if c == 'D' { 'Đ' } else { 'đ' });
            w.changed = true;
            w.dd = true;
            w.marks += 1;
            i += 2;
            continue;
        }
        if matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y') {
            let mut done = false;
            if usable(i + 2) && usable(i + 1) {
                let (a, b) = (tok[i + 1], tok[i + 2]);
                for (x, y) in [(a, b), (b, a)] {
                    if is_modifier(x) && is_tone(y) {
                        let key: String = [c, x, y].iter().collect();
                        if let Some(&l) = m.viqr.get(&key) {
                            w.text.push(l);
                            w.changed = true;
                            w.modifier = true;
                            w.tone = true;
                            w.marks += 2;
                            i += 3;
                            done = true;
                            break;
                        }
                    }
                }
            }
            if !done && usable(i + 1) && (is_modifier(tok[i + 1]) || is_tone(tok[i + 1])) {
                let key: String = [c, tok[i + 1]].iter().collect();
                if let Some(&l) = m.viqr.get(&key) {
                    w.text.push(l);
                    w.changed = true;
                    if is_modifier(tok[i + 1]) {
                        w.modifier = true;
                    } else {
                        w.tone = true;
                    }
                    w.marks += 1;
                    i += 2;
                    done = true;
                }
            }
            if done {
                continue;
            }
        }
        w.text.push(c);
        i += 1;
    }
    w
}

/// Splits off trailing punctuation: the syllable core and what follows it.
fn viqr_core(s: &str) -> (&str, &str) {
    let end = s
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    s.split_at(end)
}

/// Whether a token's final "." or "?" is a tone: the text goes on with a lowercase word or with
/// more punctuation ("ta. ta", "ta?,"), which a sentence end would not.
fn final_mark_is_tone(after: &str) -> bool {
    let mut it = after.chars();
    match it.next() {
        Some(' ') => it.next().is_some_and(char::is_lowercase),
        Some(c) => matches!(c, ',' | ';' | ':' | ')' | '!'),
        None => false,
    }
}

/// VIQR tokens: they start at an ASCII letter or digit and run over letters, digits and marks.
fn viqr_tokens(text: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_tok = false;
    for (i, c) in text.char_indices() {
        let cont = c.is_ascii_alphanumeric() || (in_tok && is_viqr_mark(c));
        if cont != in_tok {
            if i > start {
                out.push((in_tok, &text[start..i]));
            }
            start = i;
            in_tok = cont;
        }
    }
    if start < text.len() {
        out.push((in_tok, &text[start..]));
    }
    out
}

/// The converted form of a VIQR token when it becomes a well-formed syllable.
fn viqr_word(tok: &str, after: &str) -> Option<(String, ViqrWord)> {
    let chars: Vec<char> = tok.chars().collect();
    let w = parse_viqr(&chars, final_mark_is_tone(after));
    if !w.changed {
        return None;
    }
    let (core, _) = viqr_core(&w.text);
    is_vn_syllable(core).then(|| (w.text.clone(), w))
}

/// "\\." is a literal "." (RFC 1456 escape).
fn unescape_viqr(tok: &str) -> String {
    let mut out = String::with_capacity(tok.len());
    let mut chars = tok.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|&n| is_viqr_mark(n)) {
            continue;
        }
        out.push(c);
    }
    out
}

pub(crate) fn convert_viqr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut offset = 0;
    for (is_tok, tok) in viqr_tokens(text) {
        offset += tok.len();
        let after = &text[offset..];
        match is_tok.then(|| viqr_word(tok, after)).flatten() {
            Some((conv, _)) => out.push_str(&conv),
            None if is_tok && tok.contains('\\') => out.push_str(&unescape_viqr(tok)),
            None => out.push_str(tok),
        }
    }
    out
}

pub(crate) fn evidence_viqr(text: &str) -> Evidence {
    let mut ev = Evidence::default();
    let mut distinct = HashSet::new();
    let mut offset = 0;
    for (is_tok, tok) in viqr_tokens(text) {
        offset += tok.len();
        if !is_tok {
            continue;
        }
        let after = &text[offset..];
        let chars: Vec<char> = tok.chars().collect();
        let w = parse_viqr(&chars, final_mark_is_tone(after));
        if !w.changed {
            continue;
        }
        let (core, _) = viqr_core(&w.text);
        if is_vn_syllable(core) {
            ev.good += 1;
            ev.legacy_chars += w.marks;
            distinct.insert(core.to_lowercase());
            if w.modifier || w.dd {
                ev.strong += 1;
            }
            if (w.modifier && w.tone) || (w.dd && (w.modifier || w.tone)) {
                ev.very_strong += 1;
            }
        } else {
            ev.bad += 1;
        }
    }
    ev.distinct = distinct.len();
    ev
}

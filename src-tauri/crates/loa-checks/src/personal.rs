//! Personal data in free text: citizen ID numbers (CCCD, 12 digits), old ID numbers (CMND, 9 digits),
//! Vietnamese mobile numbers and e-mail addresses.
//!
//! Facts used:
//! - CCCD / personal identification number: 12 digits, the first 3 the code of the province where the
//!   citizen was registered at birth (001–096), then a century/sex digit, two year digits and six
//!   random digits (Nghị định 137/2015/NĐ-CP art. 13; Thông tư 07/2016/TT-BCA, later 59/2021/TT-BCA).
//! - CMND (old identity card): 9 digits (Nghị định 05/1999/NĐ-CP).
//! - Mobile numbers: 10 digits since the 2018 conversion from 11 digits (Thông tư 22/2014/TT-BTTTT as
//!   amended, Quyết định 798/QĐ-BTTTT); mobile prefixes 03x, 05x, 07x, 08x, 09x; international form
//!   +84 followed by the 9 digits after the leading 0. Landlines start with 02 and are not flagged.
//!   Short service numbers (111, 113, 114, 115) and 1800/1900 numbers never match these shapes.
//!
//! The scanner is hand-written: digit groups joined by single separators (space, no-break space, dot,
//! dash) form a chain; the chain must stand alone (no letter, slash, comma-decimal or longer digit run
//! touching it) and is then split into known shapes. URLs are skipped.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    CitizenId,
    OldId,
    Phone,
    Email,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub masked: String,
}

pub(crate) fn scan(chars: &[char]) -> Vec<Hit> {
    let urls = url_spans(chars);
    let mut hits = emails(chars, &urls);
    let mut skip: Vec<(usize, usize)> = urls;
    skip.extend(hits.iter().map(|h| (h.start, h.end)));

    let n = chars.len();
    let mut i = 0;
    while i < n {
        if !chars[i].is_ascii_digit() || inside(&skip, i) {
            i += 1;
            continue;
        }
        let chain = read_chain(chars, i);
        let next = chain.end();
        if let Some(plus) = left_ok(chars, i)
            && right_ok(chars, next)
        {
            hits.extend(classify_chain(chars, &chain, plus));
        }
        i = next;
    }
    hits.sort_by_key(|h| (h.start, h.end));
    hits
}

fn inside(spans: &[(usize, usize)], i: usize) -> bool {
    spans.iter().any(|&(s, e)| s <= i && i < e)
}

// --- URLs -------------------------------------------------------------------------------------------

fn starts_with_ci(chars: &[char], at: usize, pat: &str) -> bool {
    let mut k = at;
    for p in pat.chars() {
        match chars.get(k) {
            Some(c) if c.to_ascii_lowercase() == p => k += 1,
            _ => return false,
        }
    }
    true
}

fn url_spans(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let boundary = i == 0 || !chars[i - 1].is_alphanumeric();
        if boundary
            && (starts_with_ci(chars, i, "http://")
                || starts_with_ci(chars, i, "https://")
                || starts_with_ci(chars, i, "www."))
        {
            let mut e = i;
            while e < chars.len() && !chars[e].is_whitespace() && !"\"<>".contains(chars[e]) {
                e += 1;
            }
            out.push((i, e));
            i = e;
        } else {
            i += 1;
        }
    }
    out
}

// --- E-mail -----------------------------------------------------------------------------------------

fn is_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "._%+-".contains(c)
}

fn is_domain_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '.' || c == '-'
}

fn emails(chars: &[char], urls: &[(usize, usize)]) -> Vec<Hit> {
    let mut out = Vec::new();
    for (p, &c) in chars.iter().enumerate() {
        if c != '@' || inside(urls, p) {
            continue;
        }
        let mut s = p;
        while s > 0 && is_local_char(chars[s - 1]) {
            s -= 1;
        }
        while s < p && chars[s] == '.' {
            s += 1;
        }
        let mut e = p + 1;
        while e < chars.len() && is_domain_char(chars[e]) {
            e += 1;
        }
        while e > p + 1 && (chars[e - 1] == '.' || chars[e - 1] == '-') {
            e -= 1;
        }
        if s == p || e <= p + 1 {
            continue;
        }
        // A letter right before the local part means the address is glued to a word that is not
        // ASCII (e.g. "Đ"): leave it.
        if s > 0 && chars[s - 1].is_alphanumeric() {
            continue;
        }
        let domain: String = chars[p + 1..e].iter().collect();
        let labels: Vec<&str> = domain.split('.').collect();
        let tld_ok = labels
            .last()
            .is_some_and(|t| t.len() >= 2 && t.chars().all(|c| c.is_ascii_alphabetic()));
        if labels.len() < 2 || labels.iter().any(|l| l.is_empty()) || !tld_ok {
            continue;
        }
        let local: String = chars[s..p].iter().collect();
        let shown: String = local.chars().take(2).collect();
        out.push(Hit {
            kind: Kind::Email,
            start: s,
            end: e,
            masked: format!("{shown}***@{domain}"),
        });
    }
    out
}

// --- Digit chains -----------------------------------------------------------------------------------

fn is_sep(c: char) -> bool {
    matches!(c, ' ' | '\u{00A0}' | '\u{202F}' | '.' | '-')
}

#[derive(Debug)]
struct Chain {
    /// Char ranges of each digit group.
    groups: Vec<(usize, usize)>,
    /// Separator between group k and k+1.
    seps: Vec<char>,
}

impl Chain {
    fn end(&self) -> usize {
        self.groups.last().map_or(0, |g| g.1)
    }
}

fn read_chain(chars: &[char], start: usize) -> Chain {
    let mut groups = Vec::new();
    let mut seps = Vec::new();
    let mut i = start;
    loop {
        let gs = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        groups.push((gs, i));
        if i + 1 < chars.len()
            && is_sep(chars[i])
            && chars[i + 1].is_ascii_digit()
            && groups.len() < 24
        {
            seps.push(chars[i]);
            i += 1;
        } else {
            break;
        }
    }
    Chain { groups, seps }
}

/// `Some(plus)` when the chain starting at `i` stands alone on its left; `plus` is true when it is
/// written with a leading "+" (international form).
fn left_ok(chars: &[char], i: usize) -> Option<bool> {
    if i == 0 {
        return Some(false);
    }
    let prev = chars[i - 1];
    if prev == '+' {
        let ok = i < 2 || !(chars[i - 2].is_alphanumeric() || chars[i - 2] == '+');
        return ok.then_some(true);
    }
    if prev.is_alphanumeric() || "/\\=@_&#%$".contains(prev) {
        return None;
    }
    if (prev == '.' || prev == ',' || prev == '-') && i >= 2 && chars[i - 2].is_ascii_digit() {
        return None;
    }
    Some(false)
}

fn right_ok(chars: &[char], e: usize) -> bool {
    let Some(&next) = chars.get(e) else {
        return true;
    };
    if next.is_alphanumeric() || "/\\@_%:".contains(next) {
        return false;
    }
    if (next == ',' || next == '.') && chars.get(e + 1).is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    true
}

/// Splits a chain into personal-data matches. Groups that do not belong to any match may be left out
/// only where the chain is joined by spaces on both sides of them (two numbers written next to each
/// other); a dot or dash always binds.
fn classify_chain(chars: &[char], chain: &Chain, plus: bool) -> Vec<Hit> {
    let g = chain.groups.len();
    // Four or more equal groups joined by spaces ("9704 0012 3456 7890", a card number) are one
    // number: no group of it may be left out to make a shorter match.
    let lens: Vec<usize> = chain.groups.iter().map(|&(s, e)| e - s).collect();
    let one_number = g >= 4 && lens.windows(2).all(|w| w[0] == w[1]);
    // best[k] = (matched digit count, matches) for groups k.., or None if impossible.
    let mut best: Vec<Option<(usize, Vec<Hit>)>> = vec![None; g + 1];
    best[g] = Some((0, Vec::new()));
    for k in (0..g).rev() {
        let mut cand: Option<(usize, Vec<Hit>)> = None;
        let mut consider = |score: usize, hits: Vec<Hit>| {
            let better = match &cand {
                None => true,
                Some((s, h)) => score > *s || (score == *s && hits.len() < h.len()),
            };
            if better {
                cand = Some((score, hits));
            }
        };
        // Skip group k.
        let left_space = k == 0 || chain.seps[k - 1].is_whitespace();
        let right_space = k + 1 == g || chain.seps[k].is_whitespace();
        if left_space
            && right_space
            && !one_number
            && let Some((s, h)) = &best[k + 1]
        {
            consider(*s, h.clone());
        }
        // A match over groups k..=j.
        for j in k..g {
            let Some((s, h)) = &best[j + 1] else {
                continue;
            };
            if let Some(hit) = segment(chars, chain, k, j, plus && k == 0) {
                let digits = hit.1;
                let mut hits = vec![hit.0];
                hits.extend(h.iter().cloned());
                consider(s + digits, hits);
            }
        }
        best[k] = cand;
    }
    best[0].take().map(|(_, h)| h).unwrap_or_default()
}

/// One candidate: groups `k..=j` of the chain. Returns the hit and its digit count.
fn segment(chars: &[char], chain: &Chain, k: usize, j: usize, plus: bool) -> Option<(Hit, usize)> {
    let groups = &chain.groups[k..=j];
    let seps = &chain.seps[k..j];
    if seps.windows(2).any(|w| w[0] != w[1]) {
        return None;
    }
    if groups.len() > 1 && groups.iter().any(|&(s, e)| e - s < 2) {
        return None;
    }
    let digits: String = groups
        .iter()
        .flat_map(|&(s, e)| chars[s..e].iter())
        .collect();
    let lens: Vec<usize> = groups.iter().map(|&(s, e)| e - s).collect();
    let sep = seps.first().copied();
    let start = groups[0].0;
    let end = groups[groups.len() - 1].1;
    let d = digits.as_bytes();
    let kind = if plus {
        // +84 followed by the 9 national digits (some write +84 0912…: accept the stray 0).
        let national = digits.strip_prefix("84")?;
        let national = if national.len() == 10 {
            national.strip_prefix('0')?
        } else {
            national
        };
        (national.len() == 9 && is_mobile_lead(national.as_bytes()[0])).then_some(Kind::Phone)?
    } else if d.len() == 10 && d[0] == b'0' && is_mobile_lead(d[1]) {
        if preceded_by(chars, start, NOT_PHONE_CONTEXT) {
            return None;
        }
        Kind::Phone
    } else if d.len() == 11 && d.starts_with(b"84") && is_mobile_lead(d[2]) {
        // 84 without "+": only in shapes that are not money ("84.912.345.678" is 84 billion).
        if money_grouping(sep, &lens)
            || followed_by_unit(chars, end)
            || preceded_by(chars, start, NOT_PHONE_CONTEXT)
        {
            return None;
        }
        Kind::Phone
    } else if d.len() == 12 && d[0] == b'0' {
        let province: u32 = digits[..3].parse().ok()?;
        (1..=96).contains(&province).then_some(Kind::CitizenId)?
    } else if d.len() == 9
        && is_mobile_lead(d[0])
        && let Some(cc) = country_code_before(chars, start)
    {
        // "(+84) 912 345 678": the country code stands apart.
        let masked = format!("+84{}", mask(&digits));
        return Some((
            Hit {
                kind: Kind::Phone,
                start: cc,
                end,
                masked,
            },
            d.len(),
        ));
    } else if d.len() == 9 {
        let shape_ok = lens.len() == 1 || lens == [3, 3, 3];
        if !shape_ok || followed_by_unit(chars, end) || preceded_by(chars, start, NOT_ID_CONTEXT) {
            return None;
        }
        // "123.456.789" is how money is written; take it for an ID only when the text says so.
        if money_grouping(sep, &lens) && !preceded_by(chars, start, ID_CONTEXT) {
            return None;
        }
        Kind::OldId
    } else {
        return None;
    };
    let hit_start = if plus { start - 1 } else { start };
    let masked = if plus {
        format!("+{}", mask(&digits))
    } else {
        mask(&digits)
    };
    Some((
        Hit {
            kind,
            start: hit_start,
            end,
            masked,
        },
        d.len(),
    ))
}

/// Where "+84" starts when it is written apart just before `start`, as in "(+84) 912…" or
/// "+84 (0)912…".
fn country_code_before(chars: &[char], start: usize) -> Option<usize> {
    let mut i = start;
    if i >= 3 && chars[i - 3..i] == ['(', '0', ')'] {
        i -= 3;
    }
    while i > 0 && chars[i - 1].is_whitespace() {
        i -= 1;
    }
    if i > 0 && chars[i - 1] == ')' {
        i -= 1;
    }
    (i >= 3 && chars[i - 3..i] == ['+', '8', '4']).then(|| i - 3)
}

fn is_mobile_lead(b: u8) -> bool {
    matches!(b, b'3' | b'5' | b'7' | b'8' | b'9')
}

/// Dot-grouped thousands: a 1–3 digit head and 3-digit groups.
fn money_grouping(sep: Option<char>, lens: &[usize]) -> bool {
    sep == Some('.') && lens.len() > 1 && lens[0] <= 3 && lens[1..].iter().all(|&l| l == 3)
}

/// Words that, written just after a number, make it an amount or a count, not an identifier.
const UNITS: &[&str] = &[
    "đồng", "đ", "vnđ", "vnd", "usd", "triệu", "tỷ", "tỉ", "nghìn", "ngàn", "%", "người", "hộ",
    "m2", "m²", "ha", "kg", "tấn", "lượt",
];

fn followed_by_unit(chars: &[char], end: usize) -> bool {
    let mut i = end;
    while i < chars.len() && chars[i].is_whitespace() {
        i += 1;
    }
    let word: String = chars[i..]
        .iter()
        .take_while(|c| c.is_alphanumeric() || **c == '%' || **c == '²')
        .flat_map(|c| c.to_lowercase())
        .collect();
    UNITS.contains(&word.as_str())
}

/// Text just before a number saying it is a tax code or bank account, not a person's number.
const NOT_PHONE_CONTEXT: &[&str] = &[
    "mst",
    "mã số thuế",
    "mã số doanh nghiệp",
    "tài khoản",
    "stk",
];
const NOT_ID_CONTEXT: &[&str] = &["mst", "mã số thuế", "tài khoản", "stk", "mã hồ sơ"];
/// Text just before a number saying it is an identity number.
const ID_CONTEXT: &[&str] = &["cmnd", "cmt", "chứng minh", "cccd", "căn cước", "định danh"];

/// Whether one of `words` occurs in the 30 characters before `start` (case-insensitive).
fn preceded_by(chars: &[char], start: usize, words: &[&str]) -> bool {
    let from = start.saturating_sub(30);
    let before: String = chars[from..start]
        .iter()
        .flat_map(|c| c.to_lowercase())
        .collect();
    words.iter().any(|w| before.contains(w))
}

/// First 3 and last 2 digits shown, the rest as `*`: "001203004567" → "001*******67".
pub(crate) fn mask(digits: &str) -> String {
    let n = digits.chars().count();
    digits
        .chars()
        .enumerate()
        .map(|(i, c)| if i < 3 || i + 2 >= n { c } else { '*' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, String)> {
        let chars: Vec<char> = text.chars().collect();
        scan(&chars)
            .into_iter()
            .map(|h| (h.kind, chars[h.start..h.end].iter().collect()))
            .collect()
    }

    #[test]
    fn mask_keeps_three_and_two() {
        assert_eq!(mask("001203004567"), "001*******67");
        assert_eq!(mask("0912345678"), "091*****78");
        assert_eq!(mask("12345"), "12345");
    }

    #[test]
    fn two_numbers_side_by_side_are_two_findings() {
        assert_eq!(
            kinds("0912345678 0987654321"),
            vec![
                (Kind::Phone, "0912345678".to_owned()),
                (Kind::Phone, "0987654321".to_owned())
            ]
        );
    }

    #[test]
    fn a_year_glued_by_a_space_does_not_hide_a_phone() {
        assert_eq!(
            kinds("năm 2025 0912345678"),
            vec![(Kind::Phone, "0912345678".to_owned())]
        );
    }

    #[test]
    fn sixteen_digit_card_numbers_are_not_split_into_ids() {
        assert!(kinds("9704.0012.3456.7890").is_empty());
        assert!(kinds("9704-0012-3456-7890").is_empty());
    }

    #[test]
    fn urls_are_skipped() {
        assert!(kinds("https://zalo.me/0912345678 và www.example.vn/?id=001203004567").is_empty());
    }
}

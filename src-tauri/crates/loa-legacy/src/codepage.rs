//! Single-byte code pages (Windows-1252, Windows-1258) and decoding of plain-text files.

/// Windows-1252 0x80..=0x9F. Undefined slots map to the C1 control of the same value, as Windows does.
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}', '\u{178}',
];

/// The character Windows-1252 gives a byte.
pub(crate) fn cp1252(b: u8) -> char {
    match b {
        0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// The character Windows-1258 (Vietnamese) gives a byte; tone marks come out as combining marks.
pub(crate) fn cp1258(b: u8) -> char {
    match b {
        0x8A | 0x8E | 0x9A | 0x9E => char::from(b),
        0xC3 => 'Ă',
        0xCC => '\u{300}',
        0xD0 => 'Đ',
        0xD2 => '\u{309}',
        0xD5 => 'Ơ',
        0xDD => 'Ư',
        0xDE => '\u{303}',
        0xE3 => 'ă',
        0xEC => '\u{301}',
        0xF0 => 'đ',
        0xF2 => '\u{323}',
        0xF5 => 'ơ',
        0xFD => 'ư',
        0xFE => '₫',
        _ => cp1252(b),
    }
}

/// The Windows-1252 byte of a character, when it has one.
pub(crate) fn cp1252_byte(c: char) -> Option<u8> {
    let u = u32::from(c);
    if u < 0x80 || (0xA0..=0xFF).contains(&u) {
        return u8::try_from(u).ok();
    }
    CP1252_HIGH
        .iter()
        .position(|&h| h == c)
        .and_then(|i| u8::try_from(i + 0x80).ok())
}

/// True when the character is one Windows-1252 can produce (so it may stand for a legacy byte).
pub(crate) fn is_cp1252_char(c: char) -> bool {
    cp1252_byte(c).is_some()
}

/// See [`crate::decode_bytes`].
pub(crate) fn decode_bytes(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => bytes.iter().map(|&b| cp1252(b)).collect(),
    }
}

fn utf16(bytes: &[u8], f: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|p| f([p[0], p[1]]));
    char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cp1252_round_trip() {
        for b in 0u8..=255 {
            assert_eq!(cp1252_byte(cp1252(b)), Some(b));
        }
        assert_eq!(cp1252(0xAD), '\u{AD}');
    }

    #[test]
    fn decodes_boms() {
        assert_eq!(decode_bytes(b"\xEF\xBB\xBFabc"), "abc");
        assert_eq!(decode_bytes(&[0xFF, 0xFE, b'a', 0, 0xA1, 0x1E]), "aạ");
        assert_eq!(decode_bytes(&[0xFE, 0xFF, 0, b'a']), "a");
        assert_eq!(decode_bytes(b"C\xe9ng ho\xb5"), "Céng hoµ");
        assert_eq!(decode_bytes("Cộng".as_bytes()), "Cộng");
    }
}

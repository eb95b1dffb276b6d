//! QR codes as the layouts draw them: the module matrix, one string of `1`/`0` per row.

use qrcode::{Color, EcLevel, QrCode};

/// The modules of the QR code of `text`, without the quiet zone. Error correction M: a poster
/// photographed at an angle or a little smudged still scans. `None` when the text does not fit
/// in any QR version.
pub fn modules(text: &str) -> Option<Vec<String>> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    Some(
        colors
            .chunks(width)
            .map(|row| {
                row.iter()
                    .map(|c| if *c == Color::Dark { '1' } else { '0' })
                    .collect()
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_address_is_a_small_square_with_finder_patterns() {
        let m = modules("https://dichvucong.gov.vn").expect("encodes");
        let n = m.len();
        assert!((21..=41).contains(&n), "{n}");
        assert!(m.iter().all(|row| row.len() == n));
        // The top-left finder pattern: a row of seven dark modules.
        assert!(m[0].starts_with("1111111"));
        assert!(m[n - 1].starts_with("1111111"));
    }

    #[test]
    fn too_much_text_does_not_encode() {
        assert!(modules(&"x".repeat(5000)).is_none());
    }
}

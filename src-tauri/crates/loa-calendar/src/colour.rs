//! A section's colour: `#RRGGBB`, checked, with a palette to pick from.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{CalendarError, echo};

/// An opaque sRGB colour.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Colour(u32);

/// Colours that read well as a bar beside dark text and stay apart from each other (and from
/// the state colours of the week plan). A new section takes the next one.
pub const PALETTE: [Colour; 8] = [
    Colour(0xC8_10_2E), // red, the Party and national days
    Colour(0x1D_4E_D8), // blue
    Colour(0x0F_76_6E), // teal
    Colour(0xB4_53_09), // amber
    Colour(0x6D_28_D9), // violet
    Colour(0x16_65_34), // green
    Colour(0xBE_18_5D), // pink
    Colour(0x33_41_55), // slate
];

impl Colour {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Colour((r as u32) << 16 | (g as u32) << 8 | b as u32)
    }

    /// `#RRGGBB` (or `RRGGBB`, any case).
    pub fn parse(input: &str) -> Result<Self, CalendarError> {
        let bad = || CalendarError::BadColour { input: echo(input) };
        let hex = input.trim();
        let hex = hex.strip_prefix('#').unwrap_or(hex);
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad());
        }
        u32::from_str_radix(hex, 16).map(Colour).map_err(|_| bad())
    }

    /// The palette colour for the `n`-th section (wrapping).
    pub fn nth(n: usize) -> Self {
        PALETTE[n % PALETTE.len()]
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:06X}", self.0)
    }
}

impl fmt::Debug for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Colour({self})")
    }
}

impl Serialize for Colour {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Colour::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "specta")]
impl specta::Type for Colour {
    fn definition(types: &mut specta::Types) -> specta::datatype::DataType {
        <String as specta::Type>::definition(types)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_hex() {
        let c = Colour::parse("#c8102e").expect("hex");
        assert_eq!(c.to_string(), "#C8102E");
        assert_eq!(
            Colour::parse("1D4ED8").expect("no #"),
            Colour::rgb(0x1D, 0x4E, 0xD8)
        );
        for bad in ["", "#12345", "#1234567", "#GGGGGG", "red", "#+12345"] {
            assert_eq!(Colour::parse(bad).expect_err(bad).code(), "bad_colour");
        }
        assert_eq!(Colour::nth(PALETTE.len()), PALETTE[0]);
    }
}

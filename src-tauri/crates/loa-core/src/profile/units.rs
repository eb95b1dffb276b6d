//! Vietnam's local government as it stands since 1 July 2025: two tiers, no district.
//!
//! - Provincial level: 34 units, 28 provinces (*tỉnh*) and 6 centrally-run cities (*thành phố*),
//!   after Resolution 202/2025/QH15 of the National Assembly (12 June 2025) merged the 63
//!   earlier ones; 11 kept their borders and 23 were formed by merging.
//! - Commune level: communes (*xã*), wards (*phường*) and special zones (*đặc khu*), under the
//!   2025 Law on the Organisation of Local Government.
//!
//! Pure functions: how a commune and its province are written on a poster's header, in either
//! language, and which of the 34 a typed province means ("lao cai", "Tỉnh Lào Cai" → Lào Cai).

use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::drafts::search::fold;
use crate::text::nfc;

/// A province or a centrally-run city.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ProvinceKind {
    Province,
    City,
}

/// One of the 34 provincial-level units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Province {
    /// The name without its kind: "Lào Cai", "Hồ Chí Minh".
    pub name: &'static str,
    pub kind: ProvinceKind,
}

const fn p(name: &'static str) -> Province {
    Province {
        name,
        kind: ProvinceKind::Province,
    }
}

const fn c(name: &'static str) -> Province {
    Province {
        name,
        kind: ProvinceKind::City,
    }
}

/// The 34 provincial-level units since 1 July 2025 (Resolution 202/2025/QH15), in Vietnamese
/// alphabetical order.
pub const PROVINCES: [Province; 34] = [
    p("An Giang"),
    p("Bắc Ninh"),
    p("Cà Mau"),
    p("Cao Bằng"),
    c("Cần Thơ"),
    c("Đà Nẵng"),
    p("Đắk Lắk"),
    p("Điện Biên"),
    p("Đồng Nai"),
    p("Đồng Tháp"),
    p("Gia Lai"),
    c("Hà Nội"),
    p("Hà Tĩnh"),
    c("Hải Phòng"),
    c("Hồ Chí Minh"),
    c("Huế"),
    p("Hưng Yên"),
    p("Khánh Hòa"),
    p("Lai Châu"),
    p("Lâm Đồng"),
    p("Lạng Sơn"),
    p("Lào Cai"),
    p("Nghệ An"),
    p("Ninh Bình"),
    p("Phú Thọ"),
    p("Quảng Ngãi"),
    p("Quảng Ninh"),
    p("Quảng Trị"),
    p("Sơn La"),
    p("Tây Ninh"),
    p("Thái Nguyên"),
    p("Thanh Hóa"),
    p("Tuyên Quang"),
    p("Vĩnh Long"),
];

/// Words an officer may write before a province's name, folded (no diacritics, lower case).
const PROVINCE_PREFIXES: [&str; 4] = ["thanh pho ", "tp. ", "tp ", "tinh "];

/// The province `typed` names, whatever its case, diacritics or "tỉnh"/"thành phố" prefix.
pub fn find_province(typed: &str) -> Option<Province> {
    let folded = fold(typed.trim());
    let bare = PROVINCE_PREFIXES
        .iter()
        .find_map(|pre| folded.strip_prefix(pre))
        .unwrap_or(&folded)
        .trim();
    // "Thừa Thiên Huế" is the province's name before 2025; Huế has been a city since 2025.
    let bare = if bare == "thua thien hue" {
        "hue"
    } else {
        bare
    };
    PROVINCES.into_iter().find(|p| fold(p.name) == bare)
}

/// How a province is written after a commune on a header: "tỉnh Lào Cai", "thành phố Hà Nội";
/// "Lào Cai Province", "Hà Nội City". A name that is none of the 34 is written as typed.
pub fn locality(province: &str, lang: Lang) -> String {
    let province = nfc(province.trim());
    let Some(found) = find_province(&province) else {
        return province;
    };
    match (lang, found.kind) {
        (Lang::Vi, ProvinceKind::Province) => format!("tỉnh {}", found.name),
        (Lang::Vi, ProvinceKind::City) => format!("thành phố {}", found.name),
        (Lang::En, ProvinceKind::Province) => format!("{} Province", found.name),
        (Lang::En, ProvinceKind::City) => format!("{} City", found.name),
    }
}

/// The kind of a commune-level unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    Commune,
    Ward,
    SpecialZone,
}

impl UnitKind {
    /// The word before the name, as written inside a phrase ("UBND xã Nậm Cang").
    fn vi(self) -> &'static str {
        match self {
            UnitKind::Commune => "xã",
            UnitKind::Ward => "phường",
            UnitKind::SpecialZone => "đặc khu",
        }
    }

    /// The kind as a Fluent selector value (`commune`, `ward`, `special_zone`).
    pub fn code(self) -> &'static str {
        match self {
            UnitKind::Commune => "commune",
            UnitKind::Ward => "ward",
            UnitKind::SpecialZone => "special_zone",
        }
    }

    fn en(self) -> &'static str {
        match self {
            UnitKind::Commune => "Commune",
            UnitKind::Ward => "Ward",
            UnitKind::SpecialZone => "Special Zone",
        }
    }
}

/// "Xã Nậm Cang" → (commune, "Nậm Cang"); a name without its kind → (None, the name).
pub fn split_unit(commune: &str) -> (Option<UnitKind>, String) {
    let commune = nfc(commune.trim());
    for kind in [UnitKind::SpecialZone, UnitKind::Commune, UnitKind::Ward] {
        let word = kind.vi();
        let Some(head) = commune.get(..word.len()) else {
            continue;
        };
        let rest = &commune[word.len()..];
        if head.to_lowercase() == word && rest.starts_with(' ') && !rest.trim().is_empty() {
            return (Some(kind), rest.trim().to_owned());
        }
    }
    (None, commune)
}

/// The commune's People's Committee, as a poster names who issues it: "UBND xã Nậm Cang",
/// "Nậm Cang Commune People's Committee". Empty for an empty commune.
pub fn issuer(commune: &str, lang: Lang) -> String {
    let (kind, name) = split_unit(commune);
    if name.is_empty() {
        return String::new();
    }
    match (lang, kind) {
        (Lang::Vi, Some(k)) => format!("UBND {} {name}", k.vi()),
        (Lang::Vi, None) => format!("UBND {name}"),
        (Lang::En, Some(k)) => format!("{name} {} People's Committee", k.en()),
        (Lang::En, None) => format!("{name} People's Committee"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_34_units_28_provinces_and_6_cities_without_duplicates() {
        let cities = PROVINCES
            .iter()
            .filter(|p| p.kind == ProvinceKind::City)
            .count();
        assert_eq!((PROVINCES.len(), cities), (34, 6));
        let mut folded: Vec<_> = PROVINCES.iter().map(|p| fold(p.name)).collect();
        folded.sort();
        folded.dedup();
        assert_eq!(folded.len(), 34);
        for p in PROVINCES {
            assert_eq!(nfc(p.name), p.name, "{} is NFC", p.name);
        }
        // Merged away on 1 July 2025: none of them is a province any more.
        for gone in [
            "Yên Bái",
            "Hà Giang",
            "Bắc Giang",
            "Hải Dương",
            "Quảng Nam",
            "Bình Dương",
        ] {
            assert_eq!(find_province(gone), None, "{gone}");
        }
    }

    #[test]
    fn a_typed_province_is_found_with_or_without_accents_and_kind() {
        for typed in ["Lào Cai", "lao cai", "Tỉnh Lào Cai", "  TINH LAO CAI "] {
            assert_eq!(
                find_province(typed).map(|p| p.name),
                Some("Lào Cai"),
                "{typed}"
            );
        }
        for typed in ["TP. Hồ Chí Minh", "thành phố Hồ Chí Minh", "tp ho chi minh"] {
            assert_eq!(find_province(typed).map(|p| p.name), Some("Hồ Chí Minh"));
        }
        assert_eq!(find_province("Thừa Thiên Huế").map(|p| p.name), Some("Huế"));
        assert_eq!(find_province("Đắk Lắk").map(|p| p.name), Some("Đắk Lắk"));
        assert_eq!(find_province("Sa Pa"), None);
    }

    #[test]
    fn localities_name_the_province_or_city() {
        assert_eq!(locality("lao cai", Lang::Vi), "tỉnh Lào Cai");
        assert_eq!(locality("Hà Nội", Lang::Vi), "thành phố Hà Nội");
        assert_eq!(locality("Lào Cai", Lang::En), "Lào Cai Province");
        assert_eq!(locality("TP HCM", Lang::Vi), "TP HCM");
        assert_eq!(locality("Hồ Chí Minh", Lang::En), "Hồ Chí Minh City");
        assert_eq!(locality("", Lang::Vi), "");
    }

    #[test]
    fn issuers_follow_the_kind_of_unit() {
        assert_eq!(issuer("Xã Nậm Cang", Lang::Vi), "UBND xã Nậm Cang");
        assert_eq!(issuer("xã Nậm Cang", Lang::Vi), "UBND xã Nậm Cang");
        assert_eq!(issuer("Phường Sa Pa", Lang::Vi), "UBND phường Sa Pa");
        assert_eq!(
            issuer("Đặc khu Phú Quốc", Lang::Vi),
            "UBND đặc khu Phú Quốc"
        );
        assert_eq!(
            issuer("Xã Nậm Cang", Lang::En),
            "Nậm Cang Commune People's Committee"
        );
        assert_eq!(
            issuer("Đặc khu Côn Đảo", Lang::En),
            "Côn Đảo Special Zone People's Committee"
        );
        assert_eq!(issuer("Nậm Cang", Lang::Vi), "UBND Nậm Cang");
        // A name that merely starts like a kind is not cut.
        assert_eq!(split_unit("Xã").1, "Xã");
        assert_eq!(split_unit("Phườngthành"), (None, "Phườngthành".to_owned()));
        // Decomposed input (NFD) is read the same.
        assert_eq!(
            issuer("Xa\u{303} Nâ\u{323}m Cang", Lang::Vi),
            "UBND xã Nậm Cang"
        );
        assert_eq!(issuer("  ", Lang::Vi), "");
    }
}

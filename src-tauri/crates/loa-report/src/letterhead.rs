//! Who issues the report and who signs it: the parts of an administrative document that do not
//! come from the figures. The core fills them from the commune's settings; anything left empty
//! takes the usual wording of a commune People's Committee report.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::labels::Labels;

/// The letterhead and signature block of one report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letterhead {
    /// The commune's name without "xã" ("Nà Hẩu").
    pub commune: String,
    /// The kind of unit (`commune`, `ward`, `special_zone`) that names the agency's second line
    /// ("XÃ …", "PHƯỜNG …", "ĐẶC KHU …"); empty: a commune.
    #[serde(default)]
    pub kind: String,
    /// Where the report is signed; empty: the commune's name.
    pub place: String,
    /// The day it is signed (from the injected clock).
    pub date: NaiveDate,
    /// The issuing agency, one line each, top left; empty: "ỦY BAN NHÂN DÂN / XÃ <COMMUNE>".
    pub agency: Vec<String>,
    /// The number the clerk gives the report ("125"); empty: room to write it by hand.
    pub number: String,
    /// "TM. ỦY BAN NHÂN DÂN"; empty: the usual wording.
    pub signer_authority: String,
    /// "CHỦ TỊCH", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"; empty: the usual wording.
    pub signer_title: String,
    /// The signer's full name; empty: left blank to be written.
    pub signer_name: String,
    /// "Nơi nhận" lines without the leading dash; empty: the usual recipients.
    pub recipients: Vec<String>,
}

impl Letterhead {
    /// A letterhead with the usual wording for `commune`, signed on `date`.
    pub fn new(commune: &str, date: NaiveDate) -> Self {
        Self {
            commune: commune.trim().to_owned(),
            kind: String::new(),
            place: String::new(),
            date,
            agency: Vec::new(),
            number: String::new(),
            signer_authority: String::new(),
            signer_title: String::new(),
            signer_name: String::new(),
            recipients: Vec::new(),
        }
    }

    #[cfg(feature = "pdf")]
    pub(crate) fn place(&self) -> &str {
        if self.place.trim().is_empty() {
            &self.commune
        } else {
            self.place.trim()
        }
    }

    pub(crate) fn agency_lines(&self, l: &Labels) -> Vec<String> {
        let lines: Vec<String> = self
            .agency
            .iter()
            .map(|s| s.trim().to_uppercase())
            .filter(|s| !s.is_empty())
            .collect();
        if !lines.is_empty() {
            return lines;
        }
        vec![
            l.get("report-agency-line1"),
            l.with(
                "report-agency-line2",
                &[
                    ("commune", self.commune.to_uppercase()),
                    ("kind", self.kind.clone()),
                ],
            ),
        ]
    }

    #[cfg(feature = "pdf")]
    pub(crate) fn signer_authority(&self, l: &Labels) -> String {
        or_label(&self.signer_authority, l, "report-signer-authority").to_uppercase()
    }

    #[cfg(feature = "pdf")]
    pub(crate) fn signer_title(&self, l: &Labels) -> String {
        or_label(&self.signer_title, l, "report-signer-title").to_uppercase()
    }

    #[cfg(feature = "pdf")]
    /// The recipients as the document lists them: "- …;" and the last one ending with ".".
    pub(crate) fn recipient_lines(&self, l: &Labels) -> Vec<String> {
        let given: Vec<String> = self
            .recipients
            .iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        let lines = if given.is_empty() {
            [
                "report-recipient-party",
                "report-recipient-council",
                "report-recipient-leaders",
                "report-recipient-archive",
            ]
            .iter()
            .map(|id| l.get(id))
            .collect()
        } else {
            given
        };
        lines.into_iter().map(|s| format!("- {s}")).collect()
    }
}

#[cfg(feature = "pdf")]
fn or_label(value: &str, l: &Labels, id: &str) -> String {
    if value.trim().is_empty() {
        l.get(id)
    } else {
        value.trim().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use loa_templates::Lang;

    fn lines(kind: &str, lang: Lang) -> Vec<String> {
        let mut l = Letterhead::new(
            "Sa Pa",
            NaiveDate::from_ymd_opt(2026, 12, 7).expect("a date"),
        );
        l.kind = kind.to_owned();
        l.agency_lines(&Labels::new(lang))
            .into_iter()
            .map(|s| s.replace(['\u{2068}', '\u{2069}'], ""))
            .collect()
    }

    #[test]
    fn the_agency_line_follows_the_kind_of_unit() {
        assert_eq!(lines("", Lang::Vi), ["ỦY BAN NHÂN DÂN", "XÃ SA PA"]);
        assert_eq!(lines("commune", Lang::Vi)[1], "XÃ SA PA");
        assert_eq!(lines("ward", Lang::Vi)[1], "PHƯỜNG SA PA");
        assert_eq!(lines("special_zone", Lang::Vi)[1], "ĐẶC KHU SA PA");
        assert_eq!(lines("ward", Lang::En)[1], "OF SA PA WARD");
    }
}

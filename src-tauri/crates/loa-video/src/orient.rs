//! Rotation and mirroring from a video's display matrix (or the legacy `rotate` tag), and the
//! filters that make the pixels upright.
//!
//! ffmpeg (5.1 and later) turns the picture by the display matrix by itself ("autorotate"),
//! mirrors included (it picks `transpose=cclock_flip` for a matrix that turns and mirrors), and
//! writes an identity matrix to the output, so no rotation metadata is left; the presets test
//! checks the pixels of every turned phone clip against the source turned by hand. Loa only turns
//! the picture itself for the legacy `rotate` tag, which ffmpeg does not apply. Known gap of
//! ffmpeg 5.1: a matrix that only flips upside down (no phone writes one) is left as it is.

use serde::Serialize;

/// How the stored picture must be turned to be seen as the camera saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Orientation {
    /// Clockwise degrees: 0, 90, 180 or 270.
    pub rotation: u16,
    /// The matrix also mirrors the picture (negative determinant).
    pub mirrored: bool,
    /// The rotation came from the legacy `rotate` tag, which ffmpeg does not apply by itself.
    pub from_tag: bool,
}

impl Orientation {
    /// From ffprobe's display-matrix `rotation` (counter-clockwise degrees, ffmpeg's sign) and
    /// the matrix text it prints (`displaymatrix`), when there is one.
    pub(crate) fn from_side_data(rotation_ccw: f64, matrix: Option<&str>) -> Orientation {
        Orientation {
            rotation: quarter(-rotation_ccw),
            mirrored: matrix
                .and_then(parse_matrix)
                .is_some_and(|m| m[0] * m[4] - m[1] * m[3] < 0),
            from_tag: false,
        }
    }

    /// From a legacy `rotate` tag (clockwise degrees as text).
    pub(crate) fn from_tag(tag: &str) -> Option<Orientation> {
        let deg: f64 = tag.trim().parse().ok()?;
        Some(Orientation {
            rotation: quarter(deg),
            mirrored: false,
            from_tag: true,
        })
    }

    /// Width and height once upright.
    pub fn upright(self, width: u32, height: u32) -> (u32, u32) {
        if self.rotation % 180 == 90 {
            (height, width)
        } else {
            (width, height)
        }
    }

    /// Whether ffmpeg must leave the matrix alone (`-noautorotate`) because Loa turns the
    /// picture itself: only for the legacy tag, which ffmpeg would not apply.
    pub(crate) fn needs_noautorotate(self) -> bool {
        self.from_tag && self.rotation != 0
    }

    /// The filters to put first in the chain: only for the legacy tag (ffmpeg's autorotation
    /// handles the display matrix).
    pub(crate) fn filters(self) -> Vec<&'static str> {
        match (self.from_tag, self.rotation) {
            (true, 90) => vec!["transpose=clock"],
            (true, 180) => vec!["hflip", "vflip"],
            (true, 270) => vec!["transpose=cclock"],
            _ => Vec::new(),
        }
    }
}

/// Nearest multiple of 90 in 0..360.
fn quarter(deg_cw: f64) -> u16 {
    if !deg_cw.is_finite() {
        return 0;
    }
    (((deg_cw / 90.0).round() as i64).rem_euclid(4) * 90) as u16
}

/// The nine numbers of ffprobe's `displaymatrix` text ("\n00000000: a b u\n00000001: c d v…").
fn parse_matrix(text: &str) -> Option<[i64; 9]> {
    let nums: Vec<i64> = text
        .lines()
        .filter_map(|l| l.split_once(':').map(|(_, rest)| rest))
        .flat_map(|rest| rest.split_whitespace().map(str::parse::<i64>))
        .collect::<Result<_, _>>()
        .ok()?;
    nums.try_into().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    type M = [[i64; 2]; 2];

    fn mul(a: M, b: M) -> M {
        let mut r = [[0; 2]; 2];
        for i in 0..2 {
            for j in 0..2 {
                r[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j];
            }
        }
        r
    }

    /// Turning the picture `deg` clockwise, on (x, y) with y pointing down.
    fn rot(deg: u16) -> M {
        match deg {
            90 => [[0, -1], [1, 0]],
            180 => [[-1, 0], [0, -1]],
            270 => [[0, 1], [-1, 0]],
            _ => [[1, 0], [0, 1]],
        }
    }

    fn flip(name: &str) -> M {
        match name {
            "hflip" => [[-1, 0], [0, 1]],
            "vflip" => [[1, 0], [0, -1]],
            other => panic!("unexpected filter {other}"),
        }
    }

    /// The display matrix text as ffprobe prints it, for a 2×2 part in units of 1.0.
    fn text(t: M) -> String {
        // QuickTime rows: x' = a·x + c·y, y' = b·x + d·y, stored "a b u / c d v / tx ty w".
        let (a, b, c, d) = (t[0][0], t[1][0], t[0][1], t[1][1]);
        format!(
            "\n00000000: {} {} 0\n00000001: {} {} 0\n00000002: 0 0 1073741824\n",
            a * 65536,
            b * 65536,
            c * 65536,
            d * 65536
        )
    }

    /// ffprobe's `rotation`: av_display_rotation_get = -atan2(b, a) in degrees.
    fn ffprobe_rotation(t: M) -> f64 {
        -((t[1][0] as f64).atan2(t[0][0] as f64).to_degrees())
    }

    #[test]
    fn every_matrix_reads_as_its_turn_and_mirror() {
        for deg in [0u16, 90, 180, 270] {
            for mirror in [false, true] {
                let t = if mirror {
                    mul(rot(deg), flip("hflip"))
                } else {
                    rot(deg)
                };
                let o = Orientation::from_side_data(ffprobe_rotation(t), Some(&text(t)));
                assert_eq!(o.mirrored, mirror, "{t:?}");
                // ffmpeg reads the turn from where the matrix sends the x axis; mirroring
                // first sends it the other way, half a turn further.
                let read = if mirror { (deg + 180) % 360 } else { deg };
                assert_eq!(o.rotation, read, "{t:?}");
                assert!(o.filters().is_empty(), "ffmpeg turns it, not Loa");
            }
        }
    }

    #[test]
    fn phone_rotations_read_as_clockwise_degrees() {
        // ffprobe prints -90 for a phone held upright (turn 90° clockwise to view).
        assert_eq!(Orientation::from_side_data(-90.0, None).rotation, 90);
        assert_eq!(Orientation::from_side_data(90.0, None).rotation, 270);
        assert_eq!(Orientation::from_side_data(-180.0, None).rotation, 180);
        assert_eq!(Orientation::from_side_data(180.0, None).rotation, 180);
        assert_eq!(Orientation::from_side_data(0.0, None).rotation, 0);
        assert_eq!(Orientation::from_side_data(f64::NAN, None).rotation, 0);
    }

    #[test]
    fn the_legacy_tag_is_turned_by_loa_itself() {
        let o = Orientation::from_tag("90").expect("number");
        assert_eq!(o.rotation, 90);
        assert!(o.needs_noautorotate());
        assert_eq!(o.filters(), vec!["transpose=clock"]);
        assert_eq!(
            Orientation::from_tag("270").expect("n").filters(),
            vec!["transpose=cclock"]
        );
        assert!(Orientation::from_tag("up").is_none());
    }

    #[test]
    fn upright_size_swaps_on_a_quarter_turn() {
        let o = Orientation {
            rotation: 270,
            ..Orientation::default()
        };
        assert_eq!(o.upright(1920, 1080), (1080, 1920));
        assert_eq!(Orientation::default().upright(1920, 1080), (1920, 1080));
    }
}

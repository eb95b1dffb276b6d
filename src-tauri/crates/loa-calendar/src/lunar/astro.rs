//! The astronomy under the lunar calendar: the day of each new moon and the sun's longitude at
//! the start of a day, at a given meridian (UTC+7 = 105°E for Vietnam).
//!
//! The structure (months from new moon days, month 11 holding the winter solstice, the leap
//! month being the first without a major solar term, all judged by the local civil day at the
//! meridian) is Hồ Ngọc Đức's algorithm for the Vietnamese calendar. The new moons are Jean
//! Meeus' full series (*Astronomical Algorithms*, ch. 49, to within seconds), turned from
//! terrestrial into universal time with ΔT; the sun's longitude is the short series of ch. 25,
//! good to a hundredth of a degree. With that, every month of 1968–2100 starts on the day of Hồ
//! Ngọc Đức's published tables (the simpler new-moon formula of his algorithm is a day late in
//! 2054, 2072 and 2077, where a new moon falls within two minutes of midnight).
//!
//! Days are Julian day numbers (`i64`): the local civil day at `tz` hours east of UTC, which is
//! why the Vietnamese (UTC+7) and Chinese (UTC+8) calendars differ when a new moon falls between
//! 23:00 and 24:00 Beijing time.

use std::f64::consts::PI;

/// Meeus' lunation 0: the new moon of 2000-01-06, as a Julian ephemeris day.
const NEW_MOON_EPOCH: f64 = 2_451_550.097_66;
/// Mean length of a lunation in days.
const SYNODIC_MONTH: f64 = 29.530_588_861;

const DR: f64 = PI / 180.0;

fn sin_deg(x: f64) -> f64 {
    (x * DR).sin()
}

/// ΔT (terrestrial minus universal time) in days, for a decimal year: Espenak and Meeus'
/// polynomials (fitted to observations) up to 2050, then the long-term parabola of Morrison and
/// Stephenson. Beyond the present it is a prediction; four months of 1968–2100 start within two
/// minutes of midnight and so depend on it (2054-04, 2072-11, 2077-10, 2085-09): this choice
/// agrees with the published tables for all four.
fn delta_t(year: f64) -> f64 {
    let secs = if year < 1900.0 {
        let t = year - 1860.0;
        7.62 + 0.5737 * t - 0.251_754 * t.powi(2) + 0.016_806_68 * t.powi(3)
            - 0.000_447_362_4 * t.powi(4)
            + t.powi(5) / 233_174.0
    } else if year < 1920.0 {
        let t = year - 1900.0;
        -2.79 + 1.494_119 * t - 0.059_893_9 * t.powi(2) + 0.006_196_6 * t.powi(3)
            - 0.000_197 * t.powi(4)
    } else if year < 1941.0 {
        let t = year - 1920.0;
        21.20 + 0.844_93 * t - 0.076_100 * t.powi(2) + 0.002_093_6 * t.powi(3)
    } else if year < 1961.0 {
        let t = year - 1950.0;
        29.07 + 0.407 * t - t.powi(2) / 233.0 + t.powi(3) / 2547.0
    } else if year < 1986.0 {
        let t = year - 1975.0;
        45.45 + 1.067 * t - t.powi(2) / 260.0 - t.powi(3) / 718.0
    } else if year < 2005.0 {
        let t = year - 2000.0;
        63.86 + 0.3345 * t - 0.060_374 * t.powi(2)
            + 0.001_727_5 * t.powi(3)
            + 0.000_651_814 * t.powi(4)
            + 0.000_023_735_99 * t.powi(5)
    } else if year < 2050.0 {
        let t = year - 2000.0;
        62.92 + 0.322_17 * t + 0.005_589 * t.powi(2)
    } else {
        let u = (year - 1820.0) / 100.0;
        -20.0 + 32.0 * u * u
    };
    secs / 86_400.0
}

/// The moment (Julian day, UT) of new moon number `k` (0 = 2000-01-06), Meeus ch. 49.
fn new_moon(k: i64) -> f64 {
    let k = k as f64;
    let t = k / 1236.85;
    let (t2, t3, t4) = (t * t, t * t * t, t * t * t * t);
    let jde = NEW_MOON_EPOCH + SYNODIC_MONTH * k + 0.000_154_37 * t2 - 0.000_000_150 * t3
        + 0.000_000_000_73 * t4;
    // Eccentricity of the earth's orbit, the sun's and the moon's mean anomalies, the moon's
    // argument of latitude and the longitude of its ascending node.
    let e = 1.0 - 0.002_516 * t - 0.000_007_4 * t2;
    let m = 2.5534 + 29.105_356_70 * k - 0.000_001_4 * t2 - 0.000_000_11 * t3;
    let mp =
        201.5643 + 385.816_935_28 * k + 0.010_758_2 * t2 + 0.000_012_38 * t3 - 0.000_000_058 * t4;
    let f =
        160.7108 + 390.670_502_84 * k - 0.001_611_8 * t2 - 0.000_002_27 * t3 + 0.000_000_011 * t4;
    let om = 124.7746 - 1.563_755_88 * k + 0.002_067_2 * t2 + 0.000_002_15 * t3;
    let corrections = [
        (-0.407_20, 1.0, mp),
        (0.172_41, e, m),
        (0.016_08, 1.0, 2.0 * mp),
        (0.010_39, 1.0, 2.0 * f),
        (0.007_39, e, mp - m),
        (-0.005_14, e, mp + m),
        (0.002_08, e * e, 2.0 * m),
        (-0.001_11, 1.0, mp - 2.0 * f),
        (-0.000_57, 1.0, mp + 2.0 * f),
        (0.000_56, e, 2.0 * mp + m),
        (-0.000_42, 1.0, 3.0 * mp),
        (0.000_42, e, m + 2.0 * f),
        (0.000_38, e, m - 2.0 * f),
        (-0.000_24, e, 2.0 * mp - m),
        (-0.000_17, 1.0, om),
        (-0.000_07, 1.0, mp + 2.0 * m),
        (0.000_04, 1.0, 2.0 * mp - 2.0 * f),
        (0.000_04, 1.0, 3.0 * m),
        (0.000_03, 1.0, mp + m - 2.0 * f),
        (0.000_03, 1.0, 2.0 * mp + 2.0 * f),
        (-0.000_03, 1.0, mp + m + 2.0 * f),
        (0.000_03, 1.0, mp - m + 2.0 * f),
        (-0.000_02, 1.0, mp - m - 2.0 * f),
        (-0.000_02, 1.0, 3.0 * mp + m),
        (0.000_02, 1.0, 4.0 * mp),
    ];
    let c: f64 = corrections
        .iter()
        .map(|&(a, factor, arg)| a * factor * sin_deg(arg))
        .sum();
    // The planets' small pull.
    let planetary = [
        (0.000_325, 299.77 + 0.107_408 * k - 0.009_173 * t2),
        (0.000_165, 251.88 + 0.016_321 * k),
        (0.000_164, 251.83 + 26.651_886 * k),
        (0.000_126, 349.42 + 36.412_478 * k),
        (0.000_110, 84.66 + 18.206_239 * k),
        (0.000_062, 141.74 + 53.303_771 * k),
        (0.000_060, 207.14 + 2.453_732 * k),
        (0.000_056, 154.84 + 7.306_860 * k),
        (0.000_047, 34.52 + 27.261_239 * k),
        (0.000_042, 207.19 + 0.121_824 * k),
        (0.000_040, 291.34 + 1.844_379 * k),
        (0.000_037, 161.72 + 24.198_154 * k),
        (0.000_035, 239.56 + 25.513_099 * k),
        (0.000_023, 331.55 + 3.592_518 * k),
    ];
    let p: f64 = planetary.iter().map(|&(a, arg)| a * sin_deg(arg)).sum();
    let jde = jde + c + p;
    jde - delta_t(2000.0 + (jde - 2_451_545.0) / 365.25)
}

/// The local day (Julian day number) of the `k`-th new moon at `tz` hours east of UTC.
pub(crate) fn new_moon_day(k: i64, tz: f64) -> i64 {
    (new_moon(k) + 0.5 + tz / 24.0).floor() as i64
}

/// The sun's apparent longitude in radians, [0, 2π), at the moment `jd` (Julian day, UT).
fn sun_longitude(jd: f64) -> f64 {
    let t = (jd - 2_451_545.0) / 36525.0;
    let t2 = t * t;
    let m = 357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2;
    let l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let mut dl = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * (DR * m).sin();
    dl += (0.019_993 - 0.000_101 * t) * (DR * 2.0 * m).sin() + 0.000_290 * (DR * 3.0 * m).sin();
    let l = (l0 + dl) * DR;
    l - 2.0 * PI * (l / (2.0 * PI)).floor()
}

/// Which twelfth of the ecliptic (0 = 0°–30° … 11 = 330°–360°) the sun is in at the start of
/// local day `jdn`. A month whose start and the next month's start are in the same twelfth holds
/// no major solar term (trung khí): that is the leap month.
pub(crate) fn sun_sector(jdn: i64, tz: f64) -> i64 {
    let midnight = jdn as f64 - 0.5 - tz / 24.0;
    (sun_longitude(midnight) / PI * 6.0).floor() as i64
}

/// The number `k` of the new moon nearest to local day `jdn`.
pub(crate) fn lunation_near(jdn: i64) -> i64 {
    ((jdn as f64 - NEW_MOON_EPOCH) / SYNODIC_MONTH).round() as i64
}

/// The first day of lunar month 11 (the month of the winter solstice) that begins in solar year
/// `year`'s last weeks or just before: `dec31` is the Julian day number of 31 December.
pub(crate) fn month_11_start(dec31: i64, tz: f64) -> i64 {
    // The last mean new moon before 31 December: the true one is within a day of it.
    let k = ((dec31 as f64 - NEW_MOON_EPOCH) / SYNODIC_MONTH).floor() as i64;
    let nm = new_moon_day(k, tz);
    // A month that begins with the sun already past 270° (the solstice) is month 12: take the
    // one before.
    if sun_sector(nm, tz) >= 9 {
        new_moon_day(k - 1, tz)
    } else {
        nm
    }
}

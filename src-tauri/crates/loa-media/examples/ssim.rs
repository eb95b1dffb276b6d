//! `ssim REFERENCE IMAGE…`: mean SSIM of each image against the reference, on luma (BT.601),
//! 8×8 windows every 4 pixels, over the area the two share (sizes may differ by a rounding pixel).
//! Prints one number per image. Used by scripts/bench-media.sh.

use std::process::ExitCode;

fn luma(path: &str) -> Result<(usize, usize, Vec<f64>), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let img = if bytes.starts_with(&[0xFF, 0xD8]) {
        let i = turbojpeg::decompress(&bytes, turbojpeg::PixelFormat::RGB)
            .map_err(|e| format!("{path}: {e}"))?;
        image::RgbImage::from_raw(i.width as u32, i.height as u32, i.pixels)
            .ok_or_else(|| format!("{path}: bad buffer"))?
    } else {
        image::load_from_memory(&bytes)
            .map_err(|e| format!("{path}: {e}"))?
            .into_rgb8()
    };
    let (w, h) = (img.width() as usize, img.height() as usize);
    let y = img
        .pixels()
        .map(|p| 0.299 * f64::from(p.0[0]) + 0.587 * f64::from(p.0[1]) + 0.114 * f64::from(p.0[2]))
        .collect();
    Ok((w, h, y))
}

fn ssim(a: &(usize, usize, Vec<f64>), b: &(usize, usize, Vec<f64>)) -> f64 {
    let (w, h) = (a.0.min(b.0), a.1.min(b.1));
    let (c1, c2) = ((0.01f64 * 255.0).powi(2), (0.03f64 * 255.0).powi(2));
    let (mut sum, mut n) = (0.0, 0usize);
    for y0 in (0..h.saturating_sub(8)).step_by(4) {
        for x0 in (0..w.saturating_sub(8)).step_by(4) {
            let (mut ma, mut mb, mut va, mut vb, mut cov) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for y in y0..y0 + 8 {
                for x in x0..x0 + 8 {
                    let (p, q) = (a.2[y * a.0 + x], b.2[y * b.0 + x]);
                    ma += p;
                    mb += q;
                    va += p * p;
                    vb += q * q;
                    cov += p * q;
                }
            }
            let k = 64.0;
            let (ma, mb) = (ma / k, mb / k);
            let (va, vb, cov) = (va / k - ma * ma, vb / k - mb * mb, cov / k - ma * mb);
            sum += ((2.0 * ma * mb + c1) * (2.0 * cov + c2))
                / ((ma * ma + mb * mb + c1) * (va + vb + c2));
            n += 1;
        }
    }
    if n == 0 { 0.0 } else { sum / n as f64 }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((reference, images)) = args.split_first() else {
        eprintln!("usage: ssim REFERENCE IMAGE…");
        return ExitCode::from(2);
    };
    let r = match luma(reference) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    for path in images {
        match luma(path) {
            Ok(i) => println!("{:.4}", ssim(&r, &i)),
            Err(e) => {
                eprintln!("{e}");
                println!("nan");
            }
        }
    }
    ExitCode::SUCCESS
}

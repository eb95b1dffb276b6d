//! PNG encoding of a rendered page.

use crate::{PngCompression, RenderError};

/// Encodes premultiplied RGBA pixels (as the rasteriser gives them). A fully opaque page —
/// every layout with a background — is written as RGB: a quarter smaller and faster.
pub(crate) fn encode(
    rgba: &[u8],
    width: u32,
    height: u32,
    compression: PngCompression,
) -> Result<Vec<u8>, RenderError> {
    let opaque = rgba.chunks_exact(4).all(|p| p[3] == 255);
    let (color, pixels): (png::ColorType, Vec<u8>) = if opaque {
        let rgb = rgba
            .chunks_exact(4)
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect();
        (png::ColorType::Rgb, rgb)
    } else {
        (png::ColorType::Rgba, demultiply(rgba))
    };
    let err = |e: png::EncodingError| RenderError::Encode {
        detail: e.to_string(),
    };
    let mut out = Vec::with_capacity(pixels.len() / 8);
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(color);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(match compression {
            PngCompression::Fast => png::Compression::Fast,
            PngCompression::Balanced => png::Compression::Balanced,
        });
        let mut writer = encoder.write_header().map_err(err)?;
        writer.write_image_data(&pixels).map_err(err)?;
        writer.finish().map_err(err)?;
    }
    Ok(out)
}

/// Premultiplied to straight alpha, as PNG stores it.
fn demultiply(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks_exact(4)
        .flat_map(|p| {
            let a = u16::from(p[3]);
            if a == 0 || a == 255 {
                [p[0], p[1], p[2], p[3]]
            } else {
                let un = |c: u8| ((u16::from(c) * 255 + a / 2) / a).min(255) as u8;
                [un(p[0]), un(p[1]), un(p[2]), p[3]]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> (png::ColorType, Vec<u8>) {
        let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
            .read_info()
            .expect("png header");
        let mut buf = vec![0; reader.output_buffer_size().expect("size")];
        let info = reader.next_frame(&mut buf).expect("frame");
        buf.truncate(info.buffer_size());
        (info.color_type, buf)
    }

    #[test]
    fn opaque_pages_are_rgb() {
        let px = [10, 20, 30, 255, 40, 50, 60, 255];
        let bytes = encode(&px, 2, 1, PngCompression::Fast).expect("encodes");
        assert_eq!(
            decode(&bytes),
            (png::ColorType::Rgb, vec![10, 20, 30, 40, 50, 60])
        );
    }

    #[test]
    fn translucent_pixels_are_demultiplied() {
        let px = [50, 0, 0, 128, 0, 0, 0, 0];
        let bytes = encode(&px, 2, 1, PngCompression::Balanced).expect("encodes");
        assert_eq!(
            decode(&bytes),
            (png::ColorType::Rgba, vec![100, 0, 0, 128, 0, 0, 0, 0])
        );
    }
}

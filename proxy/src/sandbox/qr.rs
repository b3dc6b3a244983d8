//! QR codes rendered on the server (SVG, and a 0/1 matrix as JSON): no third-party image service.

use qrcode::render::svg;
use qrcode::{Color, QrCode};

/// An SVG image of a QR code for `text`.
pub fn svg(text: &str, size: u32) -> String {
    match QrCode::new(text.as_bytes()) {
        Ok(code) => code
            .render::<svg::Color<'_>>()
            .min_dimensions(size, size)
            .quiet_zone(true)
            .dark_color(svg::Color("#111111"))
            .light_color(svg::Color("#ffffff"))
            .build(),
        Err(_) => String::new(),
    }
}

/// The QR modules as rows of 0 (light) / 1 (dark), without quiet zone.
pub fn matrix(text: &str) -> Vec<Vec<u8>> {
    let Ok(code) = QrCode::new(text.as_bytes()) else { return Vec::new() };
    let width = code.width();
    code.to_colors()
        .chunks(width)
        .map(|row| row.iter().map(|c| u8::from(*c == Color::Dark)).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn renders() {
        let svg = super::svg("http://127.0.0.1:1/sign/x", 200);
        assert!(svg.contains("<svg") && svg.contains("</svg>"));
        let m = super::matrix("hello");
        assert_eq!(m.len(), 21);
        assert!(m.iter().all(|r| r.len() == 21));
    }
}

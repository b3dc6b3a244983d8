#![cfg(not(target_arch = "wasm32"))]
//! The QR code of `next.always`: matrix structure and the SVG drawn from it.

use xaman_wasm::core::qr::{qr_svg, QrMatrix, QUIET_ZONE};
use xaman_wasm::core::ErrorCode;

const SIGN_URL: &str = "https://xumm.app/sign/1289e9ae-7d5d-4d5f-b89c-18633112ce09";

fn assert_finder(m: &QrMatrix, x0: usize, y0: usize) {
    for dy in 0..7 {
        for dx in 0..7 {
            let ring = dx == 0 || dy == 0 || dx == 6 || dy == 6;
            let core = (2..=4).contains(&dx) && (2..=4).contains(&dy);
            assert_eq!(m.is_dark(x0 + dx, y0 + dy), ring || core, "finder at ({x0},{y0}) module ({dx},{dy})");
        }
    }
}

#[test]
fn sign_url_matrix() {
    assert_eq!(SIGN_URL.len(), 58);
    let m = QrMatrix::encode(SIGN_URL).unwrap();
    // 58 bytes at level M: version 4 holds 62 bytes, version 3 only 42.
    assert_eq!(m.version(), 4);
    assert_eq!(m.size, 33);
    assert_eq!(m.modules.len(), 33 * 33);
    assert_finder(&m, 0, 0);
    assert_finder(&m, m.size - 7, 0);
    assert_finder(&m, 0, m.size - 7);
    // Separators around the finders are light; timing patterns alternate; dark module set.
    for i in 0..8 {
        assert!(!m.is_dark(7, i) && !m.is_dark(i, 7));
    }
    for i in 8..m.size - 8 {
        assert_eq!(m.is_dark(i, 6), i % 2 == 0, "timing row at {i}");
        assert_eq!(m.is_dark(6, i), i % 2 == 0, "timing column at {i}");
    }
    assert!(m.is_dark(8, 4 * m.version() + 9), "dark module");
    // Format information: 15 bits XOR 101010000010010; bits 14 and 13 are the level (M = 00).
    // Bit 14 sits at (0,8) and (8,size-1); bit 13 at (1,8) and (8,size-2).
    let level_first = (m.is_dark(0, 8) ^ true, m.is_dark(1, 8) ^ false);
    let level_second = (m.is_dark(8, m.size - 1) ^ true, m.is_dark(8, m.size - 2) ^ false);
    assert_eq!(level_first, (false, false), "format info says level M");
    assert_eq!(level_second, level_first, "both format copies agree");
    let low_first: Vec<bool> = (0..6).map(|i| m.is_dark(8, i)).collect();
    let low_second: Vec<bool> = (0..6).map(|i| m.is_dark(m.size - 1 - i, 8)).collect();
    assert_eq!(low_first, low_second);
    // A 36-char UUID-only text is smaller; the same text gives the same matrix.
    assert_eq!(QrMatrix::encode(SIGN_URL).unwrap(), m);
    assert!(QrMatrix::encode("1289e9ae-7d5d-4d5f-b89c-18633112ce09").unwrap().size < m.size);
    // A 56-character sign URL is version 4 as well.
    let short = "https://xx.app/sign/1289e9ae-7d5d-4d5f-b89c-18633112ce09";
    assert_eq!(short.len(), 56);
    let m56 = QrMatrix::encode(short).unwrap();
    assert_eq!((m56.version(), m56.size), (4, 33));
    assert_finder(&m56, 0, 0);
}

#[test]
fn svg_is_standalone_and_matches_the_matrix() {
    let svg = qr_svg(SIGN_URL).unwrap();
    let m = QrMatrix::encode(SIGN_URL).unwrap();
    let full = m.size + 2 * QUIET_ZONE;
    assert!(svg.starts_with(&format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {full} {full}" shape-rendering="crispEdges">"#
    )));
    assert!(svg.ends_with("\"/></svg>"));
    assert_eq!(svg.matches("<path").count(), 1);
    assert_eq!(svg.matches('<').count(), svg.matches('>').count());
    assert_eq!(svg.matches("<svg").count(), 1);
    assert!(svg.contains(&format!(r##"<rect width="{full}" height="{full}" fill="#fff"/>"##)));
    // Redraw the path onto a grid and compare with the matrix, quiet zone included.
    let d = svg.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
    let mut grid = vec![false; full * full];
    for cmd in d.split('M').filter(|c| !c.is_empty()) {
        // "x yhNv1h-Nz"
        let (xy, rest) = cmd.split_once('h').unwrap();
        let (x, y) = xy.split_once(' ').unwrap();
        let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
        let run: usize = rest.split('v').next().unwrap().parse().unwrap();
        assert!(rest.ends_with(&format!("v1h-{run}z")), "{cmd}");
        for dx in 0..run {
            assert!(!grid[y * full + x + dx], "modules drawn twice");
            grid[y * full + x + dx] = true;
        }
    }
    for y in 0..full {
        for x in 0..full {
            let inside = (QUIET_ZONE..QUIET_ZONE + m.size).contains(&x) && (QUIET_ZONE..QUIET_ZONE + m.size).contains(&y);
            let want = inside && m.is_dark(x - QUIET_ZONE, y - QUIET_ZONE);
            assert_eq!(grid[y * full + x], want, "module ({x},{y})");
        }
    }
}

#[test]
fn too_long_for_a_qr() {
    let e = qr_svg(&"x".repeat(3000)).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidOption);
    assert!(e.message.contains("3000 bytes"), "{}", e.message);
    assert!(qr_svg("").is_ok());
}

struct Grid<'a>(&'a QrMatrix);

impl rqrr::BitGrid for Grid<'_> {
    fn size(&self) -> usize {
        self.0.size
    }
    fn bit(&self, y: usize, x: usize) -> bool {
        self.0.is_dark(x, y)
    }
}

/// The same code drawn by the `qrcode` crate (an independent implementation) with a given
/// version and mask: byte mode, level M.
fn reference_modules(text: &[u8], version: usize, mask: u16) -> Vec<bool> {
    use qrcode::canvas::{Canvas, MaskPattern};
    use qrcode::{EcLevel, Version};
    let v = Version::Normal(version as i16);
    let mut bits = qrcode::bits::Bits::new(v);
    bits.push_byte_data(text).unwrap();
    bits.push_terminator(EcLevel::M).unwrap();
    let (data, ec) = qrcode::ec::construct_codewords(&bits.into_bytes(), v, EcLevel::M).unwrap();
    let mut canvas = Canvas::new(v, EcLevel::M);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    let pattern = [
        MaskPattern::Checkerboard,
        MaskPattern::HorizontalLines,
        MaskPattern::VerticalLines,
        MaskPattern::DiagonalLines,
        MaskPattern::LargeCheckerboard,
        MaskPattern::Fields,
        MaskPattern::Diamonds,
        MaskPattern::Meadow,
    ][mask as usize];
    canvas.apply_mask(pattern);
    canvas.into_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect()
}

fn round_trip(text: &str) -> usize {
    let m = QrMatrix::encode(text).unwrap();
    let (meta, decoded) = rqrr::Grid::new(Grid(&m)).decode().unwrap_or_else(|e| panic!("{} bytes: {e:?}", text.len()));
    assert_eq!(decoded, text);
    assert_eq!(meta.ecc_level, 0, "rqrr numbers M as 0");
    assert_eq!(meta.version.0, m.version());
    // Module for module what an independent encoder draws with the same version and mask,
    // so no error correction is hiding a mistake.
    assert_eq!(m.modules, reference_modules(text.as_bytes(), m.version(), meta.mask), "{} bytes, version {}", text.len(), m.version());
    m.version()
}

#[test]
fn decodes_back_and_matches_an_independent_encoder() {
    assert_eq!(round_trip(SIGN_URL), 4);
    assert_eq!(round_trip("http://127.0.0.1:8090/sign/1289e9ae-7d5d-4d5f-b89c-18633112ce09"), 5, "63 bytes > 62");
    assert_eq!(round_trip("Ünïcödé 🍻 https://xumm.app/"), 3, "34 UTF-8 bytes");
    let mut versions = std::collections::BTreeSet::new();
    // Every length up to 120 bytes (versions 1–7 and their boundaries), then samples up to version 40.
    let sample = "https://xumm.app/sign/0123456789abcdef?x=ABCDEFGHIJKLMNOPQRSTUVWXYZ~!@#$%^&*()_+-={}[]|:;<>,.";
    for len in (1..=120).chain((121..=300).step_by(7)).chain([400, 513, 700, 1000, 1273, 1500, 1800, 2000, 2331]) {
        let text: String = sample.chars().cycle().take(len).collect();
        versions.insert(round_trip(&text));
    }
    assert!(versions.len() >= 20, "exercised versions: {versions:?}");
    assert!(versions.contains(&40) && versions.contains(&1) && versions.contains(&7) && versions.contains(&10));
    assert!(QrMatrix::encode(&"x".repeat(2332)).is_err());
}

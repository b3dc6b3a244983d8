//! QR code of `next.always`, rendered locally as a standalone SVG (no image request).

mod encoder;

use crate::core::error::{ErrorCode, Result, XamanError};

/// The module matrix of a QR code (error correction M): `size × size`, row-major, `true` = dark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrMatrix {
    /// Modules per side (without quiet zone).
    pub size: usize,
    /// Row-major modules.
    pub modules: Vec<bool>,
}

impl QrMatrix {
    /// Encode `text` (bytes) at level M. Errors: `invalid_option` when too long for a QR.
    pub fn encode(text: &str) -> Result<QrMatrix> {
        let (size, modules) = encoder::encode(text.as_bytes()).ok_or_else(|| {
            XamanError::new(
                ErrorCode::InvalidOption,
                format!("cannot make a QR code of {} bytes (the limit at error correction M is 2331)", text.len()),
            )
        })?;
        Ok(QrMatrix { size, modules })
    }

    /// Dark module at column `x`, row `y`.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        self.modules[y * self.size + x]
    }

    /// QR version (1–40).
    pub fn version(&self) -> usize {
        (self.size - 17) / 4
    }
}

/// Quiet zone in modules.
pub const QUIET_ZONE: usize = 4;

/// A standalone SVG: viewBox in modules (with a quiet zone of 4), white background, one path
/// of dark modules, `shape-rendering="crispEdges"`. Size it with CSS.
pub fn qr_svg(text: &str) -> Result<String> {
    use std::fmt::Write;
    let matrix = QrMatrix::encode(text)?;
    let full = matrix.size + 2 * QUIET_ZONE;
    let mut svg = String::with_capacity(matrix.size * matrix.size * 3);
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {full} {full}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{full}\" height=\"{full}\" fill=\"#fff\"/><path fill=\"#000\" d=\""
    );
    for y in 0..matrix.size {
        let mut x = 0;
        while x < matrix.size {
            if !matrix.is_dark(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < matrix.size && matrix.is_dark(x, y) {
                x += 1;
            }
            let run = x - start;
            let _ = write!(svg, "M{} {}h{run}v1h-{run}z", start + QUIET_ZONE, y + QUIET_ZONE);
        }
    }
    svg.push_str("\"/></svg>");
    Ok(svg)
}

//! QR code of `next.always`, rendered locally as a standalone SVG (no image request).

mod encoder;

use crate::core::error::{ErrorCode, Result, XamanError};
use crate::core::text::{decimal, text, Piece};
use crate::prelude::*;

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
                text!("cannot make a QR code of ", text.len(), " bytes (the limit at error correction M is 2331)"),
            )
        })?;
        Ok(QrMatrix { size, modules })
    }

    /// Dark module at column `x`, row `y` (outside the matrix: light, like the quiet zone).
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.size && self.modules.get(y * self.size + x).copied().unwrap_or(false)
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
    let matrix = QrMatrix::encode(text)?;
    let full = decimal(matrix.size + 2 * QUIET_ZONE);
    let mut svg = String::with_capacity(matrix.size * matrix.size * 3);
    svg.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ");
    svg.push_str(&full);
    svg.push(' ');
    svg.push_str(&full);
    svg.push_str("\" shape-rendering=\"crispEdges\"><rect width=\"");
    svg.push_str(&full);
    svg.push_str("\" height=\"");
    svg.push_str(&full);
    svg.push_str("\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
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
            let run = decimal(x - start);
            svg.push('M');
            (start + QUIET_ZONE).push_to(&mut svg);
            svg.push(' ');
            (y + QUIET_ZONE).push_to(&mut svg);
            svg.push('h');
            svg.push_str(&run);
            svg.push_str("v1h-");
            svg.push_str(&run);
            svg.push('z');
        }
    }
    svg.push_str("\"/></svg>");
    Ok(svg)
}

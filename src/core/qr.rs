//! QR code of `next.always`, rendered locally as a standalone SVG (no image request).

use crate::core::error::Result;

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
        todo!()
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
    todo!()
}

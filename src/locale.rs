//! The language a request is answered in: the code authentik activates for it (the brand's, then
//! the user's `attributes.settings.locale`), resolved as Django resolves it.
//!
//! For now English only: every code answers with the server's English msgids.

use crate::messages::Text;

/// A resolved language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Locale(u16);

impl Locale {
    /// Resolves a locale code as Django's `translation.activate(code)` would.
    pub fn resolve(_code: &str) -> Locale {
        Locale(0)
    }

    /// The template for `text` in this language.
    pub fn template(&self, text: Text) -> &'static str {
        text.english()
    }
}

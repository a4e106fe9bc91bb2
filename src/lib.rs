//! authentik 2024.6's rules for `PATCH /api/v3/stages/invitation/invitations/{invite_uuid}/`,
//! answered message for message.

pub mod body;
pub mod fields;
mod unicode;
pub mod value;

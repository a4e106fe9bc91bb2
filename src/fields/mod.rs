//! One module per writable field of `InvitationSerializer`, in the order the server validates them.

pub mod expires;

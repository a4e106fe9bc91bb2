//! Structure-aware: bodies built from every writable field's valid values, each a few edits away
//! (src/near_valid.rs), through both `validate_patch` and `apply_patch`, with every property of
//! the raw targets.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(body) = authentik_invitation_patch_fuzz::near_valid::body_of(data) {
        authentik_invitation_patch_fuzz::check_validate(&body);
        authentik_invitation_patch_fuzz::check_apply(&body);
    }
});

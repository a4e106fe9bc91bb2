//! Raw bytes as a PATCH body -> `apply_patch` on a fixed invitation with known flows.
//! Properties: no panic; ok exactly when `validate_patch` is ok, with the same errors; the 200 body
//! shows the patch; applying the patch again to the result changes nothing.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    authentik_invitation_patch_fuzz::check_apply(body);
});

//! Raw bytes as a PATCH body -> `validate_patch`, with no flows, with flows, and strict.
//! Properties: no panic; errors shaped as the server's; a returned patch validates to itself.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    authentik_invitation_patch_fuzz::check_validate(body);
});

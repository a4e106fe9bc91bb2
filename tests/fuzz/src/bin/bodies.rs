//! Prints the request body each fuzz input stands for, one JSONL case a line, in the reference
//! harness's format: `{"id": "<target>/<file name>", "body_b64": "<base64>", "invitation": …,
//! "flows": […]}` with the fuzz targets' fixed invitation and flows.
//!
//! Usage: bodies <validate_raw|apply_raw|near_valid> FILE...
//! For the raw targets the input is the body; for near_valid it is decoded by the generator.
use authentik_invitation_patch_fuzz::near_valid::body_of;
use authentik_invitation_patch_fuzz::{flows_json, invitation_json};
use std::io::Write;

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(A[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let target = args.next().expect("usage: bodies TARGET FILE...");
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let (invitation, flows) = (invitation_json(), flows_json());
    for file in args {
        // A running fuzzer may remove an entry between the listing and this read: skip it.
        let Ok(data) = std::fs::read(&file) else {
            continue;
        };
        let body = match target.as_str() {
            "near_valid" => match body_of(&data) {
                Some(b) => b,
                None => continue,
            },
            _ => data,
        };
        let name = std::path::Path::new(&file)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or(file.clone());
        writeln!(
            out,
            "{{\"id\":\"{target}/{name}\",\"body_b64\":\"{}\",\"invitation\":{invitation},\"flows\":{flows}}}",
            base64(&body)
        )
        .expect("stdout");
    }
}

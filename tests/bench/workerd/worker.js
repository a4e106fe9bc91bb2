// The hostile-body benchmark's worker (tests/bench/child-hostile.mjs runs it in workerd): a POST's
// body is judged by `validatePatch` or `applyPatch` (?fn=apply) of the package's worker entry, and
// the answer says how long that took and how much Wasm memory the instance holds after it.
import { applyPatch, validatePatch, wasmMemoryBytes } from "authentik-invitation-patch";

const INVITATION = { pk: "6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", name: "x", expires: null, fixed_data: {}, created_by: { pk: 1 }, single_use: false, flow: null, flow_obj: null };

export default {
  async fetch(request) {
    const apply = new URL(request.url).searchParams.get("fn") === "apply";
    const body = await request.text();
    try {
      const r = apply ? applyPatch(INVITATION, body) : validatePatch(body);
      return Response.json({ ok: r.ok, bytes: body.length, wasm: wasmMemoryBytes() });
    } catch (e) {
      return Response.json({ error: String(e?.message ?? e).slice(0, 200), bytes: body.length, wasm: wasmMemoryBytes() });
    }
  },
};

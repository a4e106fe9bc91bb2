// The bodies the benchmark validates: one typical admin-form body, and a seeded corpus of 10,000
// (about 60% valid, 30% invalid, 10% odd). Same seed, same bodies, on every machine.

/** What the admin form sends when an invitation is edited: about 200 bytes. */
export const TYPICAL = JSON.stringify({
  name: "spring-2024-onboarding",
  expires: "2024-07-29T15:51:28.000Z",
  fixed_data: { email: "new.user@example.com", department: "engineering" },
  single_use: true,
  flow: "0c5e6d3a-6f6b-4e0a-9d7c-1f2e3d4c5b6a",
});

/** An invitation as authentik's API shows it, for applyPatch. */
export const INVITATION = {
  pk: "6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
  name: "spring-2024",
  expires: "2024-06-30T00:00:00Z",
  fixed_data: { email: "old.user@example.com" },
  created_by: {
    pk: 1,
    username: "akadmin",
    name: "authentik Default Admin",
    is_active: true,
    last_login: "2024-07-01T09:12:44.123456Z",
    email: "admin@example.com",
    attributes: {},
    uid: "3b8e5f0e2d1c4a7b9f6e8d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a",
  },
  single_use: false,
  flow: "0c5e6d3a-6f6b-4e0a-9d7c-1f2e3d4c5b6a",
  flow_obj: {
    pk: "0c5e6d3a-6f6b-4e0a-9d7c-1f2e3d4c5b6a",
    policybindingmodel_ptr_id: "1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a",
    name: "Default enrollment flow",
    slug: "default-enrollment-flow",
    title: "Welcome!",
    designation: "enrollment",
    background: "/static/dist/assets/images/flow_background.jpg",
    stages: [],
    policies: [],
    cache_count: 0,
    policy_engine_mode: "any",
    compatibility_mode: false,
    export_url: "/api/v3/flows/instances/default-enrollment-flow/export/",
    layout: "stacked",
    denied_action: "message_continue",
    authentication: "none",
  },
};

/** mulberry32: a small seeded PRNG, enough to make the same corpus everywhere. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SLUG_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
const WORDS = ["onboarding", "contractor", "spring", "autumn", "team", "guest", "partner", "intern", "2024", "q3", "eu", "sales"];

export function corpus(seed = 20240600, count = 10_000) {
  const r = rng(seed);
  const int = (n) => Math.floor(r() * n);
  const pick = (xs) => xs[int(xs.length)];
  const pad = (n, w = 2) => String(n).padStart(w, "0");
  const hex = (n) => Array.from({ length: n }, () => "0123456789abcdef"[int(16)]).join("");
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick("89ab")}${hex(3)}-${hex(12)}`;
  const slug = () => (int(3) === 0 ? Array.from({ length: 1 + int(50) }, () => pick(SLUG_CHARS)).join("") : `${pick(WORDS)}-${pick(WORDS)}-${int(1000)}`);
  const dateTime = () => {
    const date = `${2024 + int(3)}-${pad(1 + int(12))}-${pad(1 + int(28))}`;
    const time = `${pad(int(24))}:${pad(int(60))}:${pad(int(60))}${int(2) ? `.${pad(int(1000), 3)}` : ""}`;
    return `${date}T${time}${pick(["Z", "Z", "+02:00", "-05:00"])}`;
  };
  const fixedData = (keys = 1 + int(4)) => {
    const o = {};
    for (let i = 0; i < keys; i++) o[pick(["email", "username", "department", "role", "groups", "locale", `attr_${i}`])] = pick([`${pick(WORDS)}@example.com`, pick(WORDS), int(1000), int(2) === 0, [pick(WORDS), pick(WORDS)], null]);
    return o;
  };

  // Valid under the schema's rules and under the server's: the intersection.
  const valid = () => {
    const body = {};
    const fields = [
      ["name", slug],
      ["expires", () => (int(8) === 0 ? null : dateTime())],
      ["fixed_data", () => fixedData()],
      ["single_use", () => int(2) === 0],
      ["flow", () => (int(8) === 0 ? null : uuid())],
    ];
    for (const [k, make] of fields) if (int(10) < 6) body[k] = make();
    if (Object.keys(body).length === 0) body.name = slug();
    if (int(10) === 0) body[pick(["pk", "created_by", "flow_obj", "note"])] = pick([uuid(), { pk: 1 }, "x"]);
    return JSON.stringify(body);
  };
  // One to three broken fields, the mistakes a form or a script makes.
  const broken = {
    name: () => pick(["spring 2024", "x".repeat(51 + int(20)), "", "   ", "naïve", 123, true, null, ["a"]]),
    expires: () => pick(["tomorrow", "2024-13-01T00:00:00Z", "2024-02-30T10:00:00Z", "29/07/2024", 1722268288, "", true]),
    fixed_data: () => pick([[1, 2], "{\"email\": \"a@b.c\"}", 42, null, true]),
    single_use: () => pick(["maybe", 2, null, "", [], {}]),
    flow: () => pick(["garbage", uuid().slice(0, 30), 7, true, { pk: uuid() }, [uuid()]]),
  };
  const invalid = () => {
    const body = JSON.parse(valid());
    const keys = Object.keys(broken);
    for (let n = 1 + int(3); n > 0; n--) {
      const k = pick(keys);
      body[k] = broken[k]();
    }
    return JSON.stringify(body);
  };
  const odd = () => {
    switch (int(6)) {
      case 0: {
        const text = valid();
        return text.slice(0, 1 + int(text.length - 1)); // malformed: cut short
      }
      case 1:
        return pick(["[]", "null", "42", "\"name\"", "true", "[{\"name\":\"a\"}]", "", "{\"name\": \"a\",}", "{'name': 'a'}"]);
      case 2:
        return JSON.stringify({ name: "n".repeat(10_240) });
      case 3:
        return JSON.stringify({ name: slug(), fixed_data: { note: "lorem ipsum ".repeat(854) } }); // ~10 KB string
      case 4:
        return JSON.stringify({ fixed_data: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`key_${i}`, i % 3 === 0 ? `value ${i}` : i])) });
      default:
        return JSON.stringify({ name: slug(), single_use: true, fixed_data: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`${pick(WORDS)}_${i}`, pick([pick(WORDS), int(1e6), int(2) === 0, null, [1, 2]])])) });
    }
  };

  const bodies = [];
  for (let i = 0; i < count; i++) {
    const roll = r();
    const kind = roll < 0.6 ? "valid" : roll < 0.9 ? "invalid" : "odd";
    bodies.push({ kind, text: kind === "valid" ? valid() : kind === "invalid" ? invalid() : odd() });
  }
  return bodies;
}

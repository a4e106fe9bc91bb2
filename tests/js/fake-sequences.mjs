// Request sequences the fake authentik is compared on (tests/js/fake.test.mjs): each starts from a
// stored state (invitations, flows, the requesting user) and sends its steps in order, so that
// writes are seen by later reads. `path` is relative to /api/v3/stages/invitation/invitations/;
// `body` without `contentType` is sent as bytes with no Content-Type header.

const flow = (pk, slug, title) => ({
  pk,
  policybindingmodel_ptr_id: pk,
  name: slug.replaceAll("-", " "),
  slug,
  title,
  designation: "enrollment",
  background: "/static/dist/assets/images/flow_background.jpg",
  stages: ["5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d"],
  policies: [],
  cache_count: 1,
  policy_engine_mode: "any",
  compatibility_mode: false,
  export_url: `/api/v3/flows/instances/${slug}/export/`,
  layout: "stacked",
  denied_action: "message_continue",
  authentication: "require_unauthenticated",
});

const FLOWS = [
  flow("b4a8c1a2-3f6e-4d0b-9a53-6f1f2c3d4e5a", "enrollment-invitation", "Welcome to authentik!"),
  flow("0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f", "default-enrollment-flow", "Create your account"),
];
const ADMIN = {
  pk: 7,
  username: "akadmin",
  name: "authentik Default Admin",
  is_active: true,
  last_login: "2024-07-29T14:01:02.123456Z",
  email: "admin@example.com",
  attributes: {},
  uid: "9c4f2a6b1e0d8c7b5a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b",
};
const JANE = { ...ADMIN, pk: 12, username: "jdoe", name: "Jane Doe", email: "jane@example.com", last_login: null };

const inv = (pk, name, expires, more = {}) => ({
  pk,
  name,
  expires,
  fixed_data: {},
  created_by: ADMIN,
  single_use: false,
  flow: null,
  flow_obj: null,
  ...more,
});

const A = "6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const B = "2f7a9c1e-5b3d-4e8f-9a0b-1c2d3e4f5a6b";
const C = "9d8c7b6a-5f4e-4d3c-8b2a-19f8e7d6c5b4";
const D = "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e";
const E = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";
const MISSING = "7e57ab1e-0000-4000-8000-00000000dead";
const NEW1 = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b";
const NEW2 = "4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a";
const J = "application/json";

const STATE = {
  invitations: [
    inv(A, "welcome-team", "2024-08-29T15:51:28Z", {
      fixed_data: { email: "new@example.com", name: "New User", attributes: { team: "eng", cost: 1 } },
      flow: FLOWS[0].pk,
      flow_obj: FLOWS[0],
    }),
    inv(B, "partner-beta", null, { single_use: true }),
    inv(C, "contractors-q3", "2025-01-31T00:00:00.250000Z"),
  ],
  flows: FLOWS,
  user: JANE,
};

export const SEQUENCES = [
  {
    name: "read, write, read back: PATCH, PUT, POST, DELETE as authentik's admin does",
    state: STATE,
    steps: [
      { method: "GET" },
      { method: "GET", path: `${A}/` },
      { method: "PATCH", path: `${A}/`, body: '{"name":"renamed","fixed_data":{"zz":1,"email":"x@example.com","é":[1.5,{"b":2,"a":1}]}}', contentType: J },
      { method: "GET", path: `${A}/` }, // fixed_data read back as PostgreSQL orders it
      { method: "PUT", path: `${B}/`, body: JSON.stringify({ name: "partner-beta", expires: "2026-05-01T10:00:00.000Z", fixed_data: { a: 1 }, single_use: false, flow: FLOWS[1].pk }), contentType: J },
      { method: "PUT", path: `${B}/`, body: '{"single_use":true}', contentType: J },
      { method: "GET", path: `${B}/` },
      { method: "POST", body: '{"name":"new-invite"}', contentType: J, newPk: NEW1 },
      { method: "POST", body: JSON.stringify({ name: "full", expires: "2030-01-01T00:00:00+02:00", fixed_data: { k: "v" }, single_use: "yes", flow: FLOWS[0].pk.toUpperCase() }), contentType: J, newPk: NEW2 },
      { method: "GET" }, // ordered by -expires, NULLs first
      { method: "GET", path: `${NEW1}/` },
      { method: "DELETE", path: `${NEW1}/` },
      { method: "GET", path: `${NEW1}/` },
      { method: "DELETE", path: `${NEW1}/` },
      { method: "PATCH", path: `${NEW2}/`, body: "", contentType: "text/plain" }, // empty: {} whatever the type
      { method: "PATCH", path: `${NEW2}/`, body: '{"flow":""}', contentType: "application/json; charset=utf-8" },
      { method: "GET" },
    ],
  },
  {
    name: "errors: 400 per method, 404, 405, 415",
    state: STATE,
    steps: [
      { method: "PATCH", path: `${A}/`, body: '{"name":"a b","expires":"tomorrow","fixed_data":[],"single_use":2,"flow":"nope"}', contentType: J },
      { method: "PUT", path: `${A}/`, body: "{}", contentType: J },
      { method: "PUT", path: `${A}/`, body: '{"flow":true}', contentType: J },
      { method: "POST", body: "", contentType: J },
      { method: "POST", body: '{"name":"x","flow":"' + MISSING + '"}', contentType: J },
      { method: "POST", body: "null", contentType: J },
      { method: "POST", body: "[1]", contentType: J },
      { method: "PATCH", path: `${A}/`, body: '{"name":', contentType: J },
      { method: "PATCH", path: `${A}/`, body: '{"name":"x"}', contentType: "text/plain" },
      { method: "PATCH", path: `${A}/`, body: '{"name":"x"}' }, // no Content-Type: 415 ""
      { method: "POST", body: '{"name":"x"}', contentType: "application/merge-patch+json" },
      { method: "PUT", path: `${A}/`, body: '{"name":"x"}', contentType: "*/*" },
      { method: "PATCH", path: `${A}/`, body: '{"name":"y"}', contentType: "application/*" },
      { method: "PATCH", path: `${MISSING}/`, body: "{", contentType: "text/plain" }, // 404 before the body is read
      { method: "GET", path: `${MISSING}/` },
      { method: "PUT", path: `${MISSING}/`, body: "{}", contentType: J },
      { method: "DELETE", path: `${MISSING}/` },
      { method: "GET", path: "not-a-uuid/" },
      { method: "POST", path: `${A}/`, body: "{}", contentType: J },
      { method: "PUT", body: "{}", contentType: J },
      { method: "PATCH", body: "{}", contentType: J },
      { method: "DELETE" },
      { method: "PATCH", path: `${A}/`, body: '{"fixed_data":{"a":"\\u0000"}}', contentType: J }, // 500 on PostgreSQL
      { method: "GET", path: `${A}/` }, // nothing was saved
    ],
  },
  {
    name: "pagination and ordering",
    state: {
      invitations: [
        inv(A, "a", "2024-08-29T15:51:28Z"),
        inv(B, "b", null),
        inv(C, "c", "2024-08-29T15:51:28.000001Z"),
        inv(D, "d", "2023-01-01T00:00:00Z"),
        inv(E, "e", "2099-12-31T23:59:59Z"),
      ],
      flows: FLOWS,
      user: ADMIN,
    },
    steps: [
      { method: "GET" },
      { method: "GET", path: "?page_size=2" },
      { method: "GET", path: "?page_size=2&page=2" },
      { method: "GET", path: "?page_size=2&page=3" },
      { method: "GET", path: "?page_size=2&page=4" },
      { method: "GET", path: "?page_size=2&page=last" },
      { method: "GET", path: "?page=0" },
      { method: "GET", path: "?page=-1" },
      { method: "GET", path: "?page=abc" },
      { method: "GET", path: "?page=1.0" },
      { method: "GET", path: "?page=%201%20&page_size=%202" },
      { method: "GET", path: "?page=+2&page_size=1_0" },
      { method: "GET", path: "?page_size=2&page=1&page=2" },
      { method: "GET", path: "?page_size=0" },
      { method: "GET", path: "?page_size=-3" },
      { method: "GET", path: "?page_size=x" },
      { method: "GET", path: "?page_size=1&page_size=3" },
      { method: "GET", path: "?page_size=100000000000000000000" },
      { method: "HEAD" },
      { method: "PATCH", path: `${B}/`, body: '{"expires":"2000-01-01T00:00:00Z"}', contentType: J },
      { method: "PATCH", path: `${E}/`, body: '{"expires":null}', contentType: J },
      { method: "GET", path: "?page_size=3" },
    ],
  },
  {
    name: "empty list and pk spellings",
    state: { invitations: [inv(A, "only", null)], flows: [], user: ADMIN },
    steps: [
      { method: "GET", path: `${A.toUpperCase()}/` },
      { method: "GET", path: `${A.replaceAll("-", "")}/` },
      { method: "GET", path: `%7B${A}%7D/` },
      { method: "GET", path: `urn:uuid:${A}/` },
      { method: "GET", path: `${A.slice(0, -1)}/` },
      { method: "HEAD", path: `${A}/` },
      { method: "PATCH", path: `${A}/`, body: `{"flow":"${MISSING}"}`, contentType: J }, // no flows at all
      { method: "DELETE", path: `${A}/` },
      { method: "GET" },
      { method: "GET", path: "?page=2" },
      { method: "POST", body: '{"name":"first"}', contentType: J, newPk: NEW1 },
      { method: "GET" },
    ],
  },
];

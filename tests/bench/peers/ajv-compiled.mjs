// ajv 8 + ajv-formats, compiling the schema when the module loads (the usual Node setup).
import Ajv from "ajv";
import addFormats from "ajv-formats";
import schema from "../schema.json" with { type: "json" };

const ajv = new Ajv({ allErrors: true });
addFormats(ajv, ["date-time", "uuid"]);
const check = ajv.compile(schema);

export function validate(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: { detail: e.message } };
  }
  return check(data) ? { ok: true, value: data } : { ok: false, errors: check.errors };
}

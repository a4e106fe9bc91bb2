// The floor: JSON.parse alone, no rules.
export function validate(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: { detail: e.message } };
  }
  return { ok: true, value: data };
}

// This module, as a Node user imports it, given the raw text (what an edge worker has).
import { validatePatch } from "../../../pkg/node.js";

export function validate(text) {
  return validatePatch(text);
}

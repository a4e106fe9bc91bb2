// The all-locales entries: the same API as the package's main entry, with every language's catalogs.
export * from "../index.js";
export { default } from "../index.js";

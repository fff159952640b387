/**
 * js-yaml is how electron-builder itself reads electron-builder.yml (app-builder-lib's config
 * loader), and npm hoists it from there; it ships no types, and only `load` is used.
 */
declare module 'js-yaml' {
  /** Parses one YAML document; what it holds is unknown until a schema has checked it. */
  export function load(text: string): unknown;
}

/** A value JSON can represent exactly. */
export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

// `<` and `>` could end the element or open a comment (`</script>`, `<!--`),
// `&` matters to parsers that treat the text as markup, and U+2028/U+2029 end
// lines in older JavaScript parsers; as \u escapes the JSON parses the same.
const UNSAFE_IN_SCRIPT = /[<>&\u2028\u2029]/g;

/**
 * JSON to place verbatim inside an inline `<script>` element (such as
 * `application/ld+json`): no text in the value can end the element early.
 */
export function jsonForScript(value: JsonValue): string {
  return JSON.stringify(value).replace(
    UNSAFE_IN_SCRIPT,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Pins a JSON builder's return type to the zod schema that documents it, at
 * compile time: a field added, removed or retyped on either side breaks
 * `tsc`, so the OpenAPI document cannot drift from what a route sends.
 */

/** Whether A and B are assignable both ways (what a JSON reader could tell apart). */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * Compiles only when A and B are the same type: otherwise the call needs an
 * argument of type `never`, which nobody can pass. Does nothing at run time.
 */
export function sameType<A, B>(...proof: Same<A, B> extends true ? [] : [never]): void {
  void proof;
}

/**
 * A 303 to `location`, relative paths kept relative: behind a proxy, or opened
 * as 127.0.0.1 rather than localhost, `request.url` may name another origin
 * than the browser's, and the shopper's cookies would not follow.
 */
export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location } });
}

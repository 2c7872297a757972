import 'server-only';

/**
 * The shopper's address for rate limits: the first X-Forwarded-For hop (set
 * by the proxy in front of the app), else X-Real-IP, else "unknown".
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || headers.get('x-real-ip') || 'unknown';
}

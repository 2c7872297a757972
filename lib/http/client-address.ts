import { isIP } from 'node:net';

/**
 * Whom the store believes about the client's address:
 * - `none`: nobody. The app is reached directly, or through a proxy that
 *   does not say; no address is known and per-address limits do not apply.
 * - `vercel`: Vercel's edge, which sets `x-real-ip` itself.
 * - a number N: N proxies of ours stand in front; each appends the address
 *   it saw to X-Forwarded-For, so the client is the Nth entry from the right.
 *   Entries further left were sent by the client and prove nothing.
 */
export type ProxyTrust = { kind: 'none' } | { kind: 'vercel' } | { kind: 'hops'; hops: number };

export function parseProxyTrust(value: string | undefined): ProxyTrust | null {
  if (!value || value === 'none') return { kind: 'none' };
  if (value === 'vercel') return { kind: 'vercel' };
  if (/^[1-9]$/.test(value)) return { kind: 'hops', hops: Number(value) };
  return null;
}

/** The client's address as the trusted proxies report it, or null when none is trusted to. */
export function clientAddress(headers: Headers, trust: ProxyTrust): string | null {
  const valid = (value: string | undefined) => {
    const address = value?.trim();
    return address && isIP(address) ? address : null;
  };
  switch (trust.kind) {
    case 'none':
      return null;
    case 'vercel':
      return valid(headers.get('x-real-ip') ?? undefined);
    case 'hops': {
      const entries = (headers.get('x-forwarded-for') ?? '').split(',');
      // Fewer entries than proxies: the request did not come through all of them.
      if (entries.length < trust.hops) return null;
      return valid(entries[entries.length - trust.hops]);
    }
  }
}

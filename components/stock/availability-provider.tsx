'use client';

import { createContext, use, useEffect, useState, type ReactNode } from 'react';
import type { StockJson } from '@/lib/stock/availability';

/** Copies available by book id; null until the store has answered. */
const AvailabilityContext = createContext<ReadonlyMap<string, number> | null>(null);

/** The API's limit on ids per request (lib/stock/availability-api.ts). */
const IDS_PER_REQUEST = 60;

async function fetchLevels(ids: readonly string[], signal: AbortSignal) {
  const levels = new Map<string, number>();
  for (let i = 0; i < ids.length; i += IDS_PER_REQUEST) {
    const chunk = ids.slice(i, i + IDS_PER_REQUEST).join(',');
    const response = await fetch(`/api/stock?ids=${encodeURIComponent(chunk)}`, { signal });
    if (!response.ok) return null;
    const body = (await response.json()) as StockJson;
    for (const book of body.books) levels.set(book.id, book.available);
  }
  return levels;
}

/**
 * Availability for the books of a prerendered page: asked once the page
 * shows, so the page itself never waits for (or goes stale with) the store.
 */
export function AvailabilityProvider({
  ids,
  children,
}: {
  ids: readonly string[];
  children: ReactNode;
}) {
  const [levels, setLevels] = useState<ReadonlyMap<string, number> | null>(null);
  const key = ids.join(',');
  useEffect(() => {
    const controller = new AbortController();
    fetchLevels(key.split(','), controller.signal)
      .then((found) => {
        if (found) setLevels(found);
      })
      // Unknown availability shows nothing; the cart and checkout still check.
      .catch(() => undefined);
    return () => controller.abort();
  }, [key]);
  return <AvailabilityContext value={levels}>{children}</AvailabilityContext>;
}

/** Copies of the book available, or null while unknown. */
export function useAvailable(bookId: string): number | null {
  return use(AvailabilityContext)?.get(bookId) ?? null;
}

'use client';

import { availabilityLabel, availabilityOf } from '@/lib/stock/availability';
import { useAvailable } from './availability-provider';

/** "In stock", "Only N left" or "Sold out", once known; the line keeps its height before. */
export function StockBadge({ bookId }: { bookId: string }) {
  const available = useAvailable(bookId);
  return (
    <p
      className={`stock${available === null ? '' : ` stock--${availabilityOf(available)}`}`}
      aria-live="polite"
    >
      {available === null ? '\u00a0' : availabilityLabel(available)}
    </p>
  );
}

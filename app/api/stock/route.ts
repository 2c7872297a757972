import { stockForRequest } from '@/lib/stock/availability-api';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return stockForRequest(request);
}

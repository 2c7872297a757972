import { checkHealth } from '@/lib/health/check-health';
import { getStore } from '@/lib/store/store-client';
import { getStripe } from '@/lib/stripe/stripe-server';

export const dynamic = 'force-dynamic';

/** For load balancers: 200 when the store and Stripe answer, 503 naming the one that does not. */
export async function GET() {
  const report = await checkHealth({ store: getStore(), stripe: getStripe() });
  return Response.json(report, {
    status: report.status === 'ok' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  });
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { listAudit } from '@/lib/admin/audit-log';
import { requireOperator } from '@/lib/admin/operator-session';
import { formatDateTime } from '@/lib/orders/order-timeline';
import { getStore } from '@/lib/store/store-client';

export const metadata: Metadata = { title: 'Audit log' };

const PER_PAGE = 50;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ searchParams }: Props) {
  await requireOperator();
  const from = (await searchParams).from;
  const offset = typeof from === 'string' && /^\d{1,7}$/.test(from) ? Number(from) : 0;
  const entries = await listAudit(getStore(), { offset, limit: PER_PAGE + 1 });
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <p>Every operator action, newest first. Entries are never changed or removed.</p>
      {entries.length === 0 ? <p>Nothing yet.</p> : null}
      {entries.length > 0 ? (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <caption className="visually-hidden">Operator actions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Order</th>
                <th scope="col">Outcome</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {entries.slice(0, PER_PAGE).map((entry) => (
                <tr key={entry.id}>
                  <td>{formatDateTime(entry.at)}</td>
                  <td>{entry.actor}</td>
                  <td>{entry.action.replace('_', ' ')}</td>
                  <td>
                    {entry.orderId ? (
                      <Link href={`/admin/orders/${entry.orderId}`}>{entry.orderId}</Link>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>{entry.outcome}</td>
                  <td>{entry.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {entries.length > PER_PAGE ? (
        <p>
          <Link href={`/admin/audit?from=${offset + PER_PAGE}`}>Older entries</Link>
        </p>
      ) : null}
    </section>
  );
}

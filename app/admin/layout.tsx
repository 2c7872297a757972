import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { getOperator } from '@/lib/admin/operator-session';
import { signOut } from './actions';

export const metadata: Metadata = {
  title: { default: 'Back office', template: '%s · Folio back office' },
  robots: { index: false, follow: false },
};

/** The back office's frame. It only decides what to show: every page checks the operator itself. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const operator = await getOperator();
  return (
    <div className="admin">
      {operator ? (
        <nav aria-label="Back office" className="admin-nav">
          <ul role="list">
            <li>
              <Link href="/admin/orders">Orders</Link>
            </li>
            <li>
              <Link href="/admin/discount-codes">Discount codes</Link>
            </li>
            <li>
              <Link href="/admin/stock">Stock</Link>
            </li>
            <li>
              <Link href="/admin/audit">Audit log</Link>
            </li>
          </ul>
          <form action={signOut} className="admin-nav__sign-out">
            <span>Signed in as {operator.email}</span> <button type="submit">Sign out</button>
          </form>
        </nav>
      ) : null}
      {children}
    </div>
  );
}

import type { Metadata } from 'next';
import { DiscountCodeForm } from '@/components/admin/discount-code-form';
import { describeCode, listCodesWithUses } from '@/lib/admin/discount-code-actions';
import { requireOperator } from '@/lib/admin/operator-session';
import { getStore } from '@/lib/store/store-client';
import { disableDiscountCode } from '../actions';

export const metadata: Metadata = { title: 'Discount codes' };

const day = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString().slice(0, 10));

export default async function DiscountCodesPage() {
  await requireOperator();
  const codes = await listCodesWithUses(getStore());
  return (
    <section aria-labelledby="codes-title">
      <h1 id="codes-title">Discount codes</h1>
      <p>
        Shoppers enter a code in the cart or at checkout; one code per order. Codes are not case
        sensitive.
      </p>
      {codes.length === 0 ? <p>No codes yet.</p> : null}
      {codes.length > 0 ? (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <caption className="visually-hidden">Discount codes, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Offer</th>
                <th scope="col">From</th>
                <th scope="col">Until</th>
                <th scope="col">Used</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {codes.map((code) => (
                <tr key={code.code}>
                  <td>{code.code}</td>
                  <td>{describeCode(code)}</td>
                  <td>{day(code.startsAt)}</td>
                  <td>{day(code.endsAt)}</td>
                  <td>
                    {code.redeemed}
                    {code.maxRedemptions ? ` of ${code.maxRedemptions}` : ''}
                  </td>
                  <td>
                    {code.disabled ? (
                      'Disabled'
                    ) : (
                      <form action={disableDiscountCode}>
                        <input type="hidden" name="code" value={code.code} />
                        <button type="submit" aria-label={`Disable ${code.code}`}>
                          Disable
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <DiscountCodeForm />
    </section>
  );
}

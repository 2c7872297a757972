import type { Metadata } from 'next';
import { StockForm } from '@/components/admin/stock-form';
import { requireOperator } from '@/lib/admin/operator-session';
import { listBookStock } from '@/lib/admin/stock-actions';
import { availabilityLabel } from '@/lib/stock/availability';
import { getStore } from '@/lib/store/store-client';

export const metadata: Metadata = { title: 'Stock' };

export default async function StockPage() {
  await requireOperator();
  const levels = await listBookStock(getStore());
  return (
    <section aria-labelledby="stock-title">
      <h1 id="stock-title">Stock</h1>
      <p>
        Copies on the shelf for each book. Checkouts hold copies while the shopper pays; a paid
        order takes them off the shelf.
      </p>
      <div className="admin-table-wrap">
        <table className="admin-table">
          <caption className="visually-hidden">Stock by book</caption>
          <thead>
            <tr>
              <th scope="col">Book</th>
              <th scope="col">Held</th>
              <th scope="col">Shoppers see</th>
              <th scope="col">On the shelf</th>
            </tr>
          </thead>
          <tbody>
            {levels.map((level) => (
              <tr key={level.bookId}>
                <th scope="row">{level.title}</th>
                <td>{level.held}</td>
                <td>{availabilityLabel(level.available)}</td>
                <td>
                  <StockForm bookId={level.bookId} title={level.title} onHand={level.onHand} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

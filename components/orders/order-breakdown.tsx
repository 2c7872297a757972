import { formatMoney } from '@/lib/money';
import { shippingRowLabel } from '@/lib/pricing/shipping-rates';
import type { Order } from '@/lib/store/orders';

/** An order's books, as the shopper's order page and the back office both show them. */
export function OrderLines({ order }: { order: Order }) {
  const money = (amount: number) => formatMoney({ amount, currency: order.currency });
  return (
    <table className="order-lines">
      <caption className="visually-hidden">Items</caption>
      <thead>
        <tr>
          <th scope="col">Book</th>
          <th scope="col">Quantity</th>
          <th scope="col">Price</th>
          <th scope="col">Total</th>
        </tr>
      </thead>
      <tbody>
        {order.lines.map((line) => (
          <tr key={line.bookId}>
            <td>{line.title}</td>
            <td>{line.quantity}</td>
            <td>{money(line.unitAmount)}</td>
            <td>{money(line.lineTotal)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Subtotal, discount, shipping, tax and total: rows of an `order-facts` list. */
export function OrderAmounts({ order }: { order: Order }) {
  const money = (amount: number) => formatMoney({ amount, currency: order.currency });
  return (
    <>
      <div>
        <dt>Subtotal</dt>
        <dd>{money(order.subtotal)}</dd>
      </div>
      {order.discount ? (
        <div>
          <dt>Discount ({order.discount.code})</dt>
          <dd>−{money(order.discount.amount)}</dd>
        </div>
      ) : null}
      <div>
        <dt>{shippingRowLabel(order.shippingRate)}</dt>
        <dd>{order.shipping === 0 ? 'Free' : money(order.shipping)}</dd>
      </div>
      {order.tax ? (
        <div>
          <dt>Tax</dt>
          <dd>{money(order.tax.amount)}</dd>
        </div>
      ) : null}
      <div>
        <dt>Total</dt>
        <dd data-testid="order-total">{money(order.total)}</dd>
      </div>
    </>
  );
}

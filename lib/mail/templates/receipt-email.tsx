import { Button, Column, Row, Section, Text } from '@react-email/components';
import { formatMoney } from '../../money';
import { shippingRowLabel } from '../../pricing/shipping-rates';
import type { OrderSnapshot } from '../../store/orders';
import { EmailLayout } from './email-layout';

export type ReceiptEmailProps = {
  order: Pick<
    OrderSnapshot,
    'id' | 'currency' | 'lines' | 'subtotal' | 'discount' | 'shipping' | 'total'
  > & { tax?: { amount: number } | null; shippingRate?: string | null };
  shippingAddress: string | null;
  card: { brand: string; last4: string } | null;
  orderUrl: string;
};

const cell = { fontSize: '14px', padding: '4px 0' };
const amount = { ...cell, textAlign: 'right' as const };

export function ReceiptEmail({ order, shippingAddress, card, orderUrl }: ReceiptEmailProps) {
  const money = (value: number) => formatMoney({ amount: value, currency: order.currency });
  return (
    <EmailLayout
      preview={`Thank you for your order ${order.id}: ${money(order.total)}`}
      heading="Thank you for your order"
    >
      <Text>{`Order number: ${order.id}`}</Text>
      <Section>
        {order.lines.map((line) => (
          <Row key={line.bookId}>
            <Column style={cell}>{`${line.title} × ${line.quantity}`}</Column>
            <Column style={amount}>{money(line.lineTotal)}</Column>
          </Row>
        ))}
        <Row>
          <Column style={cell}>Subtotal</Column>
          <Column style={amount}>{money(order.subtotal)}</Column>
        </Row>
        {order.discount ? (
          <Row>
            <Column style={cell}>{`Discount (${order.discount.code})`}</Column>
            <Column style={amount}>{`−${money(order.discount.amount)}`}</Column>
          </Row>
        ) : null}
        <Row>
          <Column style={cell}>{shippingRowLabel(order.shippingRate ?? null)}</Column>
          <Column style={amount}>{order.shipping === 0 ? 'Free' : money(order.shipping)}</Column>
        </Row>
        {order.tax ? (
          <Row>
            <Column style={cell}>Tax</Column>
            <Column style={amount}>{money(order.tax.amount)}</Column>
          </Row>
        ) : null}
        <Row>
          <Column style={{ ...cell, fontWeight: 'bold' }}>Total</Column>
          <Column style={{ ...amount, fontWeight: 'bold' }}>{money(order.total)}</Column>
        </Row>
      </Section>
      {shippingAddress ? <Text>{`Shipping to: ${shippingAddress}`}</Text> : null}
      {card ? <Text>{`Paid with: ${card.brand} ending in ${card.last4}`}</Text> : null}
      <Button
        href={orderUrl}
        style={{ backgroundColor: '#1f1b16', color: '#ffffff', padding: '10px 16px' }}
      >
        View your order
      </Button>
      <Text style={{ fontSize: '12px' }}>{`Or open this link: ${orderUrl}`}</Text>
    </EmailLayout>
  );
}

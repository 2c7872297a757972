import { Button, Text } from '@react-email/components';
import { formatMoney } from '../../money';
import { EmailLayout } from './email-layout';

export type RefundEmailProps = {
  orderId: string;
  currency: string;
  total: number;
  /** This refund. */
  amount: number;
  /** All refunds of the order so far. */
  amountRefunded: number;
  orderUrl: string;
};

export function RefundEmail({
  orderId,
  currency,
  total,
  amount,
  amountRefunded,
  orderUrl,
}: RefundEmailProps) {
  const money = (value: number) => formatMoney({ amount: value, currency });
  const full = amountRefunded >= total;
  return (
    <EmailLayout
      preview={`${full ? 'Your order was refunded' : 'A refund on your order'}: ${money(amount)}`}
      heading={full ? 'Your order was refunded' : 'We refunded part of your order'}
    >
      <Text>{`Order number: ${orderId}`}</Text>
      <Text>
        {`We refunded ${money(amount)}. `}
        {full
          ? `The whole order, ${money(total)}, is now refunded.`
          : `Refunded so far: ${money(amountRefunded)} of ${money(total)}.`}
      </Text>
      <Text>
        The money goes back to the card you paid with; banks usually take 5–10 business days to show
        it.
      </Text>
      <Button href={orderUrl} style={{ color: '#1f1b16' }}>
        View your order
      </Button>
      <Text style={{ fontSize: '12px' }}>{`Or open this link: ${orderUrl}`}</Text>
    </EmailLayout>
  );
}

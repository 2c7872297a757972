import { Button, Text } from '@react-email/components';
import { EmailLayout } from './email-layout';

export type ShipmentEmailProps = {
  orderId: string;
  carrier: string;
  trackingNumber: string;
  shippingAddress: string | null;
  orderUrl: string;
};

export function ShipmentEmail({
  orderId,
  carrier,
  trackingNumber,
  shippingAddress,
  orderUrl,
}: ShipmentEmailProps) {
  return (
    <EmailLayout
      preview={`Your order ${orderId} is on its way: ${carrier} ${trackingNumber}`}
      heading="Your order is on its way"
    >
      <Text>{`Order number: ${orderId}`}</Text>
      <Text>{`Carrier: ${carrier}`}</Text>
      <Text>{`Tracking number: ${trackingNumber}`}</Text>
      {shippingAddress ? <Text>{`Shipping to: ${shippingAddress}`}</Text> : null}
      <Button href={orderUrl} style={{ color: '#1f1b16' }}>
        View your order
      </Button>
      <Text style={{ fontSize: '12px' }}>{`Or open this link: ${orderUrl}`}</Text>
    </EmailLayout>
  );
}

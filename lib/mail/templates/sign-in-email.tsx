import { Button, Text } from '@react-email/components';
import { STORE_NAME } from '../../store-settings';
import { EmailLayout } from './email-layout';

export function SignInEmail({ url }: { url: string }) {
  return (
    <EmailLayout preview={`Sign in to the ${STORE_NAME} back office`} heading="Sign in">
      <Text>
        Someone asked to sign in to the {STORE_NAME} back office with this address. The link works
        once, for 15 minutes.
      </Text>
      <Button href={url} style={{ color: '#1f1b16' }}>
        Sign in to the back office
      </Button>
      <Text style={{ fontSize: '12px' }}>{`Or open this link: ${url}`}</Text>
      <Text style={{ fontSize: '12px' }}>If it was not you, ignore this message.</Text>
    </EmailLayout>
  );
}

import { Body, Container, Head, Heading, Hr, Html, Preview, Text } from '@react-email/components';
import type { ReactNode } from 'react';
import { STORE_NAME } from '../../store-settings';

const body = { backgroundColor: '#f6f3ee', fontFamily: 'Georgia, serif', color: '#1f1b16' };
const container = { backgroundColor: '#ffffff', padding: '24px', maxWidth: '560px' };

/** The frame every message of the store shares. */
export function EmailLayout({
  preview,
  heading,
  children,
}: {
  preview: string;
  heading: string;
  children: ReactNode;
}) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={body}>
        <Container style={container}>
          <Text style={{ fontSize: '14px', letterSpacing: '0.08em', textTransform: 'uppercase' }}>
            {STORE_NAME}
          </Text>
          <Heading as="h1" style={{ fontSize: '22px' }}>
            {heading}
          </Heading>
          {children}
          <Hr />
          <Text style={{ fontSize: '12px', color: '#6b6259' }}>
            {`${STORE_NAME} · You get this message because you ordered from us.`}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { CartCountProvider } from '@/components/cart/cart-count-provider';
import { TestModeBanner } from '@/components/checkout/test-mode-banner';
import { SiteHeader } from '@/components/layout/site-header';
import { isStripeTestMode, localMailInbox } from '@/lib/env';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Folio — classic books', template: '%s · Folio' },
  description: 'Folio sells beautiful editions of public-domain classics.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  const { testMode, emulator } = isStripeTestMode();
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <CartCountProvider>
          <SiteHeader />
          {testMode ? <TestModeBanner emulator={emulator} mailInbox={localMailInbox()} /> : null}
          <main id="main" className="page">
            {children}
          </main>
        </CartCountProvider>
        <footer className="site-footer">
          <p>Folio · every title is in the public domain.</p>
        </footer>
      </body>
    </html>
  );
}

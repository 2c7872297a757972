import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { CartCountProvider } from '@/components/cart/cart-count-provider';
import { TestModeBanner } from '@/components/checkout/test-mode-banner';
import { SiteHeader } from '@/components/layout/site-header';
import { appOrigin } from '@/lib/absolute-url';
import { isStripeTestMode, localMailInbox } from '@/lib/env';
import { STORE_NAME } from '@/lib/store-settings';
import './globals.css';

export const metadata: Metadata = {
  // Relative canonical, Open Graph and image URLs resolve against the public origin.
  metadataBase: appOrigin(),
  title: { default: 'Folio — classic books', template: '%s · Folio' },
  description: 'Folio sells beautiful editions of public-domain classics.',
  openGraph: { type: 'website', siteName: STORE_NAME },
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

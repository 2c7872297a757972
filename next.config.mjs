// @ts-check
import os from 'node:os';

/**
 * Where Stripe.js may load from and talk to. Stripe's own origins always;
 * the local emulator too when the build is made for it (STRIPE_API_BASE, or
 * no Stripe keys at all: development and tests on this machine).
 */
function stripeOrigins() {
  const apiBase = process.env.STRIPE_API_BASE;
  const local = apiBase
    ? [new URL(apiBase).origin]
    : process.env.STRIPE_SECRET_KEY
      ? []
      : ['http://127.0.0.1:*', 'http://localhost:*'];
  return {
    script: [
      'https://js.stripe.com',
      'https://*.js.stripe.com',
      'https://maps.googleapis.com',
      ...local,
    ],
    connect: ['https://api.stripe.com', 'https://maps.googleapis.com', ...local],
    frame: [
      'https://js.stripe.com',
      'https://*.js.stripe.com',
      'https://hooks.stripe.com',
      ...local,
    ],
    // "Pay on a secure Stripe page" posts a form that redirects to Stripe Checkout.
    form: ['https://checkout.stripe.com', ...local],
  };
}

function contentSecurityPolicy() {
  const stripe = stripeOrigins();
  // Prerendered pages carry Next's inline bootstrap scripts, hence 'unsafe-inline'
  // (a nonce would force every page to render per request); React needs eval in development.
  const scriptExtra = process.env.NODE_ENV === 'production' ? [] : ["'unsafe-eval'"];
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline' ${[...scriptExtra, ...stripe.script].join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https://*.stripe.com",
    "font-src 'self'",
    `connect-src 'self' ${stripe.connect.join(' ')}`,
    `frame-src ${stripe.frame.join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self' ${stripe.form.join(' ')}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Hostnames the dev server answers for besides localhost: the loopback
 * addresses, this machine's own network addresses (a phone on the LAN), and
 * any listed in ALLOWED_DEV_ORIGINS. Without them Next blocks its dev assets
 * for those origins, so pages render but never hydrate.
 */
function allowedDevOrigins() {
  const own = Object.values(os.networkInterfaces())
    .flat()
    .flatMap((address) =>
      address ? [address.family === 'IPv6' ? `[${address.address}]` : address.address] : [],
    );
  const listed = (process.env.ALLOWED_DEV_ORIGINS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return [...new Set(['127.0.0.1', '[::1]', ...own, ...listed])];
}

/**
 * Query keys that make `/` a catalog search; the same list as
 * SEARCH_PARAM_KEYS in lib/catalog/search-params.ts (a unit test holds them equal).
 */
const CATALOG_SEARCH_KEYS = ['q', 'author', 'genre', 'min', 'max', 'sort'];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  allowedDevOrigins: allowedDevOrigins(),
  experimental: {
    // The stylesheet is a few kilobytes: inlined in the HTML it costs no render-blocking request.
    inlineCss: true,
  },
  async rewrites() {
    return {
      // Before files, or the prerendered `/` would answer first. Only a search
      // goes to the dynamic page, so the plain catalog stays static and fast.
      beforeFiles: CATALOG_SEARCH_KEYS.map((key) => ({
        source: '/',
        has: [{ type: /** @type {const} */ ('query'), key }],
        destination: '/search',
      })),
      afterFiles: [],
      fallback: [],
    };
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: contentSecurityPolicy() },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          {
            key: 'Permissions-Policy',
            value:
              'camera=(), microphone=(), geolocation=(), payment=(self "https://js.stripe.com")',
          },
        ],
      },
    ];
  },
};

export default nextConfig;

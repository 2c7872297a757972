// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Pages prerender their static shell; only the per-visitor parts (the cart
  // count, the cart itself) render per request inside <Suspense>.
  cacheComponents: true,
  partialPrefetching: true,
  poweredByHeader: false,
  reactStrictMode: true,
};

module.exports = nextConfig;

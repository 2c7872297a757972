/**
 * Every endpoint under app/api, by area. A new route gets its operations in
 * one of these files (or a new one listed here); tests/unit/openapi.test.ts
 * fails while a route.ts and this list disagree.
 */
import type { ZodOpenApiPathItemObject, ZodOpenApiPathsObject } from 'zod-openapi';
import { adminDiscountCodePaths } from './paths/admin-discount-codes';
import { adminOrderPaths } from './paths/admin-orders';
import { adminRefundPaths } from './paths/admin-refunds';
import { cartPaths } from './paths/cart';
import { checkoutPaths } from './paths/checkout';
import { documentationPaths } from './paths/documentation';
import { operationsPaths } from './paths/operations';
import { orderPaths } from './paths/orders';
import { stockPaths } from './paths/stock';

const areas: ZodOpenApiPathsObject[] = [
  cartPaths,
  checkoutPaths,
  orderPaths,
  adminOrderPaths,
  adminRefundPaths,
  adminDiscountCodePaths,
  stockPaths,
  operationsPaths,
  documentationPaths,
];

/** The areas as one paths object; an operation described twice is a mistake, not an override. */
export function apiPaths(): ZodOpenApiPathsObject {
  const paths: Record<string, ZodOpenApiPathItemObject> = {};
  for (const area of areas) {
    for (const [path, item] of Object.entries(area)) {
      const existing = paths[path] ?? {};
      const twice = Object.keys(item).filter((key) => key in existing);
      if (twice.length > 0) throw new Error(`${path}: ${twice.join(', ')} described twice`);
      paths[path] = { ...existing, ...item };
    }
  }
  return paths;
}

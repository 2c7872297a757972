import { countItems } from '@/lib/cart/cart';
import { readCart } from '@/lib/cart/cart-session';
import { CartLink } from './cart-link';

export async function CartCount() {
  return <CartLink count={countItems(await readCart())} />;
}

import { redirect } from 'next/navigation';
import { readCart, saveCart } from '@/lib/cart/cart-session';

/**
 * Gives the same lines a new cart UUID, so checkout starts over with a new
 * PaymentIntent (the old one was canceled, or prices changed under it).
 */
export async function POST() {
  const cart = await readCart();
  await saveCart({ ...cart, id: crypto.randomUUID() });
  redirect('/checkout');
}

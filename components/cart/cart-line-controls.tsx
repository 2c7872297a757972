'use client';

import { useId } from 'react';
import { useCartEditor } from './cart-editor';

type LineProps = { bookId: string; title: string; quantity: number; maxQuantity: number };

export function QuantityForm({ bookId, title, quantity, maxQuantity }: LineProps) {
  const { setQuantity, pending } = useCartEditor();
  const inputId = useId();
  return (
    <form action={setQuantity} className="quantity-form">
      <input type="hidden" name="bookId" value={bookId} />
      <label htmlFor={inputId}>Quantity for {title}</label>
      <input
        // Re-mount when the server's quantity changes so the field shows it.
        key={quantity}
        id={inputId}
        name="quantity"
        type="number"
        inputMode="numeric"
        min={0}
        max={maxQuantity}
        step={1}
        defaultValue={quantity}
        required
      />
      <button type="submit" className="button button--secondary" disabled={pending}>
        Update<span className="visually-hidden"> quantity for {title}</span>
      </button>
    </form>
  );
}

/** Offered when fewer copies are left than the line asks for. */
export function ReduceQuantityButton({
  bookId,
  title,
  to,
}: {
  bookId: string;
  title: string;
  to: number;
}) {
  const { setQuantity, pending } = useCartEditor();
  return (
    <form action={setQuantity}>
      <input type="hidden" name="bookId" value={bookId} />
      <input type="hidden" name="quantity" value={to} />
      <button type="submit" className="button button--secondary" disabled={pending}>
        Reduce to {to}
        <span className="visually-hidden"> copies of {title}</span>
      </button>
    </form>
  );
}

export function RemoveLineButton({ bookId, title }: { bookId: string; title: string }) {
  const { remove, pending } = useCartEditor();
  return (
    <form action={remove}>
      <input type="hidden" name="bookId" value={bookId} />
      <button type="submit" className="button button--link" disabled={pending}>
        Remove {title}
      </button>
    </form>
  );
}

export function ClearCartButton() {
  const { clear, pending } = useCartEditor();
  return (
    <form action={clear}>
      <button type="submit" className="button button--link" disabled={pending}>
        Empty cart
      </button>
    </form>
  );
}

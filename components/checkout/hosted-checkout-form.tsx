import { SHIPPING_COUNTRIES } from '@/lib/pricing/shipping-rates';

const names = new Intl.DisplayNames(['en'], { type: 'region' });
const COUNTRIES = SHIPPING_COUNTRIES.map((code) => ({ code, name: names.of(code) ?? code })).sort(
  (a, b) => a.name.localeCompare(b.name),
);

/**
 * The second way to pay: a plain form post (no JavaScript needed) that sends
 * the shopper to Stripe's hosted page. Rates depend on the destination, so the
 * country comes first; Stripe's page then asks for the rest of the address.
 */
export function HostedCheckoutForm() {
  return (
    <form action="/checkout/hosted" method="post" className="hosted-checkout">
      <h2>Or pay on Stripe’s page</h2>
      <label htmlFor="hosted-country">Ship to</label>
      <select id="hosted-country" name="country" defaultValue="US">
        {COUNTRIES.map(({ code, name }) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </select>
      <button type="submit" className="button">
        Pay on a secure Stripe page
      </button>
    </form>
  );
}

/**
 * HTML of the emulator's hosted Checkout page (`/c/pay/<id>`): the order,
 * the shopper's details, the card and a Pay button, as plain forms that work
 * without JavaScript. Every control has a visible label, errors sit by their
 * field and in one `role="alert"` region, and the page says it is the
 * emulator in test mode. Also the 3D Secure challenge and the page of a
 * session that can no longer be paid.
 */
import type { ShippingRate, StoredCheckoutSession } from './checkout-objects';
import type { FieldErrors, FieldName, PaymentForm } from './checkout-payment';
import { formatAmount } from './format-amount';
import { describeEstimate } from './shipping-rates';

const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });
const regionName = (code: string) => REGION_NAMES.of(code) ?? code;

const MARKER = 'Test mode — local Stripe emulator';

const STYLE = `
  :root { color-scheme: light; font: 16px/1.45 system-ui, -apple-system, 'Segoe UI', sans-serif; color: #1a1b25; }
  body { margin: 0; background: #f6f8fa; }
  main { max-width: 34rem; margin: 0 auto; padding: 24px 16px 48px; }
  .marker { display: inline-block; margin: 0 0 12px; padding: 2px 8px; border-radius: 4px; background: #fff4d6; color: #6b4a00; font-size: 13px; font-weight: 600; }
  h1 { font-size: 1.5rem; margin: 8px 0 16px; }
  h2 { font-size: 1.1rem; margin: 0 0 8px; }
  section, form, .panel { background: #fff; border: 1px solid #d8dee4; border-radius: 8px; padding: 16px; margin-bottom: 16px; }
  ul.items { list-style: none; margin: 0 0 12px; padding: 0; }
  ul.items li { display: flex; gap: 8px; justify-content: space-between; padding: 6px 0; border-bottom: 1px solid #eef1f4; }
  .qty { color: #57606a; }
  dl.totals { margin: 0; }
  dl.totals div { display: flex; justify-content: space-between; padding: 3px 0; }
  dl.totals dt, dl.totals dd { margin: 0; }
  dl.totals .total { font-weight: 700; border-top: 1px solid #d8dee4; margin-top: 6px; padding-top: 8px; }
  fieldset { border: 0; margin: 0 0 16px; padding: 0; }
  legend { font-weight: 600; margin-bottom: 8px; padding: 0; }
  .field { margin-bottom: 12px; }
  label { display: block; margin-bottom: 4px; font-size: 15px; }
  .optional { color: #57606a; font-weight: 400; }
  input[type=text], input[type=email], select { box-sizing: border-box; width: 100%; padding: 10px; border: 1px solid #8c959f; border-radius: 6px; font: inherit; background: #fff; }
  input[readonly] { background: #f6f8fa; }
  input:focus, select:focus, button:focus, a:focus { outline: 3px solid #f1b84b; outline-offset: 2px; }
  input[aria-invalid='true'], select[aria-invalid='true'] { border-color: #b3261e; }
  .radio { display: flex; gap: 8px; align-items: flex-start; margin-bottom: 8px; }
  .radio label { margin: 0; }
  .error { margin: 4px 0 0; color: #b3261e; font-size: 14px; }
  .hint { margin: 4px 0 0; color: #57606a; font-size: 14px; }
  [role=alert]:empty { display: none; }
  [role=alert] { border: 1px solid #b3261e; background: #fdecea; color: #7a1712; border-radius: 8px; padding: 12px 16px; margin-bottom: 16px; }
  [role=alert] ul { margin: 4px 0 0; padding-left: 20px; }
  button { width: 100%; padding: 12px 16px; border-radius: 6px; border: 1px solid #0b5fff; background: #0b5fff; color: #fff; font: inherit; font-weight: 600; cursor: pointer; }
  .actions { display: flex; gap: 12px; }
  .actions button.secondary { background: #fff; color: #b3261e; border-color: #b3261e; }
`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main><p class="marker">${MARKER}</p>${body}</main></body></html>`;
}

const money = (stored: StoredCheckoutSession, amount: number) =>
  escapeHtml(formatAmount(amount, stored.session.currency));

function backLink(stored: StoredCheckoutSession): string {
  const url = stored.session.cancel_url;
  return url ? `<p><a href="${escapeHtml(url)}">Back</a></p>` : '';
}

function summary(stored: StoredCheckoutSession, couponName: string | null): string {
  const { session, totals } = stored;
  const items = stored.lines
    .map(
      (line, i) =>
        `<li><span class="name">${escapeHtml(line.name)}${line.description ? `<br><span class="qty">${escapeHtml(line.description)}</span>` : ''}</span><span class="qty">Qty ${line.quantity}</span><span class="amount">${money(stored, totals.lines[i]!.subtotal)}</span></li>`,
    )
    .join('');
  const rows = [
    ['Subtotal', money(stored, totals.subtotal)],
    ...(totals.discount > 0
      ? [
          [
            `Discount${couponName ? ` (${escapeHtml(couponName)})` : ''}`,
            `−${money(stored, totals.discount)}`,
          ],
        ]
      : []),
    ...(totals.shipping
      ? [
          [
            `Shipping (${escapeHtml(totals.shipping.rate.display_name)})`,
            money(stored, totals.shipping.subtotal),
          ],
        ]
      : []),
    ...(session.automatic_tax.enabled
      ? [['Tax', stored.location ? money(stored, totals.tax) : 'Calculated from your address']]
      : []),
  ];
  return `<section aria-labelledby="summary-title"><h2 id="summary-title">Order summary</h2>
<ul class="items">${items}</ul>
<dl class="totals">${rows.map(([dt, dd]) => `<div><dt>${dt}</dt><dd>${dd}</dd></div>`).join('')}<div class="total"><dt>Total due</dt><dd>${money(stored, session.amount_total)}</dd></div></dl></section>`;
}

type FieldSpec = {
  name: FieldName | 'line2';
  label: string;
  optional?: boolean;
  autocomplete: string;
  type?: 'text' | 'email';
  inputmode?: string;
  readonly?: boolean;
};

function errorOf(errors: FieldErrors, name: FieldSpec['name']): string | undefined {
  return name === 'line2' ? undefined : errors[name];
}

function field(spec: FieldSpec, value: string, errors: FieldErrors): string {
  const error = errorOf(errors, spec.name);
  const id = `field-${spec.name}`;
  const described = error ? ` aria-invalid="true" aria-describedby="${id}-error"` : '';
  return `<div class="field"><label for="${id}">${escapeHtml(spec.label)}${spec.optional ? ' <span class="optional">(optional)</span>' : ''}</label>
<input id="${id}" name="${spec.name}" type="${spec.type ?? 'text'}" autocomplete="${spec.autocomplete}"${spec.inputmode ? ` inputmode="${spec.inputmode}"` : ''} value="${escapeHtml(value)}"${spec.readonly ? ' readonly' : ''}${spec.optional ? '' : ' required'}${described}>
${error ? `<p class="error" id="${id}-error">${escapeHtml(error)}</p>` : ''}</div>`;
}

function countrySelect(countries: string[], value: string, errors: FieldErrors): string {
  const selected = countries.includes(value) ? value : countries[0];
  const options = countries
    .map(
      (code) =>
        `<option value="${code}"${code === selected ? ' selected' : ''}>${escapeHtml(regionName(code))}</option>`,
    )
    .join('');
  const error = errors.country;
  return `<div class="field"><label for="field-country">Country or region</label>
<select id="field-country" name="country" autocomplete="country"${error ? ' aria-invalid="true" aria-describedby="field-country-error"' : ''}>${options}</select>
${error ? `<p class="error" id="field-country-error">${escapeHtml(error)}</p>` : ''}</div>`;
}

function rateLabel(stored: StoredCheckoutSession, rate: ShippingRate): string {
  const estimate = describeEstimate(rate);
  const amount = rate.fixed_amount.amount === 0 ? 'Free' : money(stored, rate.fixed_amount.amount);
  return `${escapeHtml(rate.display_name)} — ${amount}${estimate ? ` (${escapeHtml(estimate)})` : ''}`;
}

function shippingMethods(
  stored: StoredCheckoutSession,
  rates: ShippingRate[],
  chosen: string | null,
  errors: FieldErrors,
): string {
  if (rates.length === 0) return '';
  const current = rates.some((r) => r.id === chosen) ? chosen : rates[0]!.id;
  const radios = rates
    .map(
      (rate, i) =>
        `<div class="radio"><input type="radio" id="shipping-rate-${i}" name="shipping_rate" value="${rate.id}"${rate.id === current ? ' checked' : ''}><label for="shipping-rate-${i}">${rateLabel(stored, rate)}</label></div>`,
    )
    .join('');
  const error = errors.shipping_rate;
  return `<fieldset${error ? ' aria-describedby="shipping-rate-error"' : ''}><legend>Shipping method</legend>${radios}${error ? `<p class="error" id="shipping-rate-error">${escapeHtml(error)}</p>` : ''}</fieldset>`;
}

/** "ZIP" where only the US is offered, "Postal code" where it is not, both where it is one of several. */
function postalLabel(countries: string[]): string {
  if (countries.every((c) => c === 'US')) return 'ZIP';
  return countries.includes('US') ? 'ZIP or postal code' : 'Postal code';
}

const ORDER: FieldName[] = [
  'email',
  'shipping_rate',
  'name',
  'country',
  'line1',
  'city',
  'state',
  'postal_code',
  'card',
];

function alertRegion(alert: string | null, errors: FieldErrors): string {
  const messages = ORDER.flatMap((name) => (errors[name] ? [errors[name]!] : []));
  const list = messages.length
    ? `<p>Check the highlighted fields:</p><ul>${messages.map((m) => `<li>${escapeHtml(m)}</li>`).join('')}</ul>`
    : '';
  return `<div id="checkout-errors" role="alert">${alert ? `<p>${escapeHtml(alert)}</p>` : ''}${list}</div>`;
}

export type CheckoutPageModel = {
  stored: StoredCheckoutSession;
  rates: ShippingRate[];
  couponName: string | null;
  countries: string[];
  values: PaymentForm;
  errors: FieldErrors;
  alert: string | null;
};

export function checkoutPage(model: CheckoutPageModel): string {
  const { stored, values, errors, countries } = model;
  const { session } = stored;
  const v = (name: keyof PaymentForm) => values[name] ?? '';
  const chosen = values.shipping_rate ?? session.shipping_cost?.shipping_rate ?? null;
  const addressLegend = session.shipping_address_collection
    ? 'Shipping address'
    : 'Billing address';
  const form = `<form method="post" action="/c/pay/${session.id}" novalidate>
<fieldset><legend>Contact information</legend>${field(
    {
      name: 'email',
      label: 'Email',
      type: 'email',
      autocomplete: 'email',
      readonly: session.customer_email !== null,
    },
    session.customer_email ?? v('email'),
    errors,
  )}</fieldset>
${shippingMethods(stored, model.rates, chosen, errors)}
<fieldset><legend>${addressLegend}</legend>
${field({ name: 'name', label: 'Full name', autocomplete: 'name' }, v('name'), errors)}
${countrySelect(countries, v('country').toUpperCase(), errors)}
${field({ name: 'line1', label: 'Address line 1', autocomplete: 'address-line1' }, v('line1'), errors)}
${field({ name: 'line2', label: 'Address line 2', optional: true, autocomplete: 'address-line2' }, v('line2'), errors)}
${field({ name: 'city', label: 'City', autocomplete: 'address-level2' }, v('city'), errors)}
${field({ name: 'state', label: 'State', optional: true, autocomplete: 'address-level1' }, v('state'), errors)}
${field({ name: 'postal_code', label: postalLabel(countries), autocomplete: 'postal-code' }, v('postal_code'), errors)}
</fieldset>
<fieldset><legend>Payment</legend>
${field({ name: 'card', label: 'Card number', autocomplete: 'cc-number', inputmode: 'numeric' }, '', errors)}
<p class="hint">Test cards only, such as 4242 4242 4242 4242.</p>
</fieldset>
<button type="submit">Pay</button>
</form>`;
  return layout(
    `Pay ${formatAmount(session.amount_total, session.currency)} — Checkout`,
    `${backLink(stored)}<h1>Checkout</h1>${summary(stored, model.couponName)}${alertRegion(model.alert, errors)}${form}`,
  );
}

export function challengePage(stored: StoredCheckoutSession): string {
  const { session } = stored;
  return layout(
    '3D Secure authentication',
    `<div class="panel"><h1>3D Secure authentication</h1>
<p>Your bank asks you to confirm this payment of <strong>${money(stored, session.amount_total)}</strong>. This is a test: choose what the bank should answer.</p>
<form method="post" action="/c/pay/${session.id}/3ds" class="actions">
<button type="submit" name="result" value="success">Complete</button>
<button type="submit" name="result" value="fail" class="secondary">Fail</button>
</form></div>`,
  );
}

/** A session that takes no more payments: paid already, or expired. */
export function closedPage(stored: StoredCheckoutSession): string {
  const { session } = stored;
  const complete = session.status === 'complete';
  const title = complete ? 'This checkout is complete' : 'This checkout session has expired';
  const text = complete
    ? `The payment of ${money(stored, session.amount_total)} went through. It cannot be paid again.`
    : 'It can no longer be paid. Return to the shop to start again.';
  const next =
    complete && session.success_url
      ? `<p><a href="${escapeHtml(session.success_url.replaceAll('{CHECKOUT_SESSION_ID}', session.id))}">Continue</a></p>`
      : backLink(stored);
  return layout(
    title,
    `<div class="panel" role="status"><h1>${title}</h1><p>${text}</p>${next}</div>`,
  );
}

export function notFoundPage(): string {
  return layout(
    'Checkout session not found',
    '<div class="panel"><h1>Checkout session not found</h1><p>There is no checkout session at this address.</p></div>',
  );
}

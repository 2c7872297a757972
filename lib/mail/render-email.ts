import 'server-only';
import { render } from '@react-email/components';
import type { ReactElement } from 'react';

/**
 * Table cells end with a space in the text body: a row of columns such as
 * "Subtotal" and "$12.49" reads "Subtotal $12.49", not "Subtotal$12.49".
 */
const TEXT_OPTIONS = {
  selectors: [{ selector: 'td', format: 'inlineSurround', options: { prefix: '', suffix: ' ' } }],
};

/** A message's two bodies, from one template. */
export async function renderEmail(element: ReactElement): Promise<{ html: string; text: string }> {
  const [html, text] = await Promise.all([
    render(element),
    render(element, { plainText: true, htmlToTextOptions: TEXT_OPTIONS }),
  ]);
  return { html, text };
}

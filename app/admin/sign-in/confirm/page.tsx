import type { Metadata } from 'next';
import { confirmSignInLink } from '../../actions';

export const metadata: Metadata = { title: 'Sign in' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The link in the mail lands here and signs in only when the button is
 * pressed: mail scanners that open links would otherwise use them up.
 */
export default async function ConfirmSignInPage({ searchParams }: Props) {
  const { token } = await searchParams;
  return (
    <section className="admin-sign-in" aria-labelledby="confirm-title">
      <h1 id="confirm-title">Sign in to the back office</h1>
      <form action={confirmSignInLink}>
        <input type="hidden" name="token" value={typeof token === 'string' ? token : ''} />
        <button type="submit">Sign in</button>
      </form>
    </section>
  );
}

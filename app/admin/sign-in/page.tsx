import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/admin/sign-in-form';
import { getOperator } from '@/lib/admin/operator-session';

export const metadata: Metadata = { title: 'Sign in' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  if (await getOperator()) redirect('/admin/orders');
  const invalidLink = (await searchParams).link === 'invalid';
  return (
    <section className="admin-sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in to the back office</h1>
      {invalidLink ? (
        <p role="alert" className="form-status form-status--error">
          That sign-in link has expired or was already used. Ask for a new one.
        </p>
      ) : null}
      <p>Operators get a one-time sign-in link by email, valid for 15 minutes.</p>
      <SignInForm />
    </section>
  );
}

import type { Metadata } from 'next';
import { localMailInbox } from '@/lib/env';

export const metadata: Metadata = { title: 'Check your inbox' };

export default function SignInSentPage() {
  const inbox = localMailInbox();
  return (
    <section className="admin-sign-in" aria-labelledby="sent-title">
      <h1 id="sent-title">Check your inbox</h1>
      <p role="status">
        If that address belongs to an operator, a sign-in link is on its way. It works once, for 15
        minutes.
      </p>
      {inbox ? (
        <p>
          In development, mail goes to the <a href={inbox}>local inbox</a>.
        </p>
      ) : null}
    </section>
  );
}

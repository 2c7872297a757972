export function TestModeBanner({
  emulator,
  mailInbox,
}: {
  emulator: boolean;
  /** The local mail catcher's inbox, where receipts land; null with a real mail provider. */
  mailInbox: string | null;
}) {
  return (
    <p className="test-mode-banner" role="note">
      <strong>Test mode</strong> —{' '}
      {emulator ? 'payments go to a local Stripe emulator' : 'Stripe test keys'}; no real money
      moves. Pay with card 4242 4242 4242 4242, any future date and any security code.
      {mailInbox ? (
        <>
          {' '}
          Receipts land in the <a href={mailInbox}>local inbox</a>.
        </>
      ) : null}
    </p>
  );
}

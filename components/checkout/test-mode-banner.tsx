export function TestModeBanner({ emulator }: { emulator: boolean }) {
  return (
    <p className="test-mode-banner" role="note">
      <strong>Test mode</strong> —{' '}
      {emulator ? 'payments go to a local Stripe emulator' : 'Stripe test keys'}; no real money
      moves. Pay with card 4242 4242 4242 4242, any future date and any security code.
    </p>
  );
}

/*
 * The emulator's 3D Secure challenge. In a modal (Stripe.js stand-in) it
 * tells the page when the shopper chose; opened as a redirect it returns to
 * the intent's return_url, as a bank's page would.
 */
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('config').textContent);
  var status = document.getElementById('status');

  function done(result) {
    var buttons = document.querySelectorAll('button');
    for (var i = 0; i < buttons.length; i++) buttons[i].disabled = true;
    status.textContent = result === 'success' ? 'Authenticating…' : 'Failing authentication…';
    var body =
      'key=' +
      encodeURIComponent(config.key) +
      '&client_secret=' +
      encodeURIComponent(config.clientSecret) +
      '&result=' +
      result;
    fetch('/v1/payment_intents/' + config.intentId + '/_authenticate', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body,
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (intent) {
        if (window.parent !== window && config.origin) {
          window.parent.postMessage(
            { source: 'stripe-emulator', kind: '3ds-done', payload: { result: result } },
            config.origin,
          );
          return;
        }
        var returnUrl = intent.next_action === null && config.returnUrl;
        if (returnUrl) {
          var target = new URL(returnUrl);
          target.searchParams.set('payment_intent', config.intentId);
          target.searchParams.set('payment_intent_client_secret', config.clientSecret);
          target.searchParams.set(
            'redirect_status',
            intent.status === 'succeeded' ? 'succeeded' : 'failed',
          );
          window.location.assign(target.toString());
        } else {
          status.textContent =
            result === 'success'
              ? 'Authentication complete. You can close this page.'
              : 'Authentication failed. You can close this page.';
        }
      });
  }

  var complete = document.getElementById('complete');
  var fail = document.getElementById('fail');
  complete.addEventListener('click', function () {
    done('success');
  });
  fail.addEventListener('click', function () {
    done('fail');
  });
  // The buttons are served disabled: a press before this script runs would do nothing.
  complete.disabled = false;
  fail.disabled = false;
})();

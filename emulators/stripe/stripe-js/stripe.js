/*
 * Stripe.js stand-in, served by the local Stripe emulator. It defines
 * window.Stripe with the surface @stripe/stripe-js and @stripe/react-stripe-js
 * use. Elements render in iframes served from the emulator's origin, so card
 * details never enter the page's DOM; the page talks to them by postMessage.
 * Test mode only: never a way to take real payments.
 */
(function () {
  'use strict';
  var ORIGIN = '__EMULATOR_ORIGIN__';
  var RELEASE_TRAIN = 'endive';
  var TYPES = ['payment', 'address', 'linkAuthentication'];
  var UNUSABLE = ['succeeded', 'canceled', 'processing', 'requires_capture'];
  var nextId = 1;
  var pendingReplies = {};
  var elementsById = {};

  function encode(prefix, value, out) {
    if (value === undefined || value === null) return;
    if (typeof value === 'object') {
      Object.keys(value).forEach(function (key) {
        encode(prefix ? prefix + '[' + key + ']' : key, value[key], out);
      });
    } else {
      out.push(
        encodeURIComponent(prefix).replace(/%5B/g, '[').replace(/%5D/g, ']') +
          '=' +
          encodeURIComponent(String(value)),
      );
    }
  }

  function api(method, path, params) {
    var parts = [];
    encode('', params, parts);
    var body = parts.join('&');
    var url = ORIGIN + path + (method === 'GET' && body ? '?' + body : '');
    // Form-encoded with the key in the body: a "simple" request, no preflight.
    return fetch(url, {
      method: method,
      headers: method === 'GET' ? {} : { 'content-type': 'application/x-www-form-urlencoded' },
      body: method === 'GET' ? undefined : body,
    }).then(
      function (response) {
        return response.json().then(function (json) {
          return response.ok ? { data: json } : { error: json.error };
        });
      },
      function () {
        return {
          error: {
            type: 'api_connection_error',
            message: 'Could not reach the local Stripe emulator at ' + ORIGIN + '.',
          },
        };
      },
    );
  }

  function intentId(clientSecret) {
    return String(clientSecret).split('_secret_')[0];
  }

  // Elements refuses client secrets of intents it cannot use (clover, 2025-09-30).
  function unusableMessage(status) {
    return UNUSABLE.indexOf(status) === -1
      ? null
      : 'This PaymentIntent has a status of ' +
          status +
          ' and cannot be used with the Payment Element.';
  }

  function copy(value) {
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== ORIGIN || !event.data || event.data.source !== 'stripe-emulator') return;
    var data = event.data;
    if (data.kind === 'reply' && pendingReplies[data.requestId]) {
      pendingReplies[data.requestId](data.payload);
      delete pendingReplies[data.requestId];
      return;
    }
    var element = elementsById[data.elementId];
    if (element) element._receive(data.kind, data.payload || {});
  });

  function Element(group, type, options) {
    this._group = group;
    this._type = type;
    this._options = options || {};
    this._id = 'el' + nextId++;
    this._listeners = {};
    this._frame = null;
    // Messages for the iframe wait here until it says it is ready.
    this._ready = false;
    this._queue = [];
    this._state = { empty: true, complete: false, value: null };
    elementsById[this._id] = this;
  }

  Element.prototype.on = function (name, handler) {
    (this._listeners[name] = this._listeners[name] || []).push(handler);
    return this;
  };
  Element.prototype.off = function (name, handler) {
    var list = this._listeners[name] || [];
    this._listeners[name] = handler
      ? list.filter(function (h) {
          return h !== handler;
        })
      : [];
    return this;
  };
  Element.prototype.once = function (name, handler) {
    var self = this;
    function wrapper(event) {
      self.off(name, wrapper);
      handler(event);
    }
    return this.on(name, wrapper);
  };
  Element.prototype._emit = function (name, payload) {
    (this._listeners[name] || []).slice().forEach(function (handler) {
      handler(payload);
    });
  };

  Element.prototype.mount = function (target) {
    var container = typeof target === 'string' ? document.querySelector(target) : target;
    if (!container) throw new Error('Element mount target not found: ' + target);
    var self = this;
    var group = this._group;
    var query = [
      'id=' + encodeURIComponent(this._id),
      'origin=' + encodeURIComponent(window.location.origin),
      'key=' + encodeURIComponent(group._stripe._key),
      'options=' + encodeURIComponent(JSON.stringify(this._options)),
    ].join('&');
    var frame = document.createElement('iframe');
    frame.src = ORIGIN + '/elements/' + this._type + '?' + query;
    frame.title = {
      payment: 'Secure payment input frame',
      address: 'Secure address input frame',
      linkAuthentication: 'Secure email input frame',
    }[this._type];
    frame.setAttribute('frameborder', '0');
    frame.setAttribute('allowtransparency', 'true');
    frame.style.cssText =
      'width: 100%; border: 0; display: block; height: 160px; color-scheme: normal;';
    container.appendChild(frame);
    this._frame = frame;
    this._ready = false;
    this._queue = [];
    if (this._type === 'payment' && group._intent) this._showIntent();
    setTimeout(function () {
      self._emit('loaderstart', { elementType: self._type });
    });
    group._intentProblem.then(function (problem) {
      if (problem && self._frame) {
        self._emit('loaderror', {
          elementType: self._type,
          error: { type: 'invalid_request_error', message: problem },
        });
      }
    });
    return this;
  };

  Element.prototype._receive = function (kind, payload) {
    if (kind === 'resize' && this._frame) this._frame.style.height = payload.height + 'px';
    else if (kind === 'ready') {
      this._ready = true;
      var queued = this._queue;
      this._queue = [];
      for (var i = 0; i < queued.length; i++) this._post(queued[i]);
      this._emit('ready', this);
    } else if (kind === 'focus' || kind === 'blur' || kind === 'escape')
      this._emit(kind, { elementType: this._type });
    else if (kind === 'change') {
      // The iframe sends a change only when something in the payload changed.
      this._state = payload;
      var event = {
        elementType: this._type,
        empty: payload.empty,
        complete: payload.complete,
        value: copy(payload.value),
      };
      if (this._type === 'payment') event.collapsed = false;
      if (this._type === 'address') {
        event.elementMode = this._options.mode || 'shipping';
        event.isNewAddress = true;
      }
      this._emit('change', event);
    }
  };

  Element.prototype._post = function (message) {
    if (this._frame && this._frame.contentWindow)
      this._frame.contentWindow.postMessage(message, ORIGIN);
  };

  Element.prototype._ask = function (kind, payload) {
    var self = this;
    if (!this._frame)
      return Promise.resolve({
        error: { type: 'validation_error', message: 'This element is not mounted.' },
      });
    var requestId = 'rq' + nextId++;
    var message = {
      source: 'stripe-emulator-parent',
      kind: kind,
      requestId: requestId,
      payload: payload || {},
    };
    return new Promise(function (resolve) {
      pendingReplies[requestId] = resolve;
      if (self._ready) self._post(message);
      else self._queue.push(message);
    });
  };

  // The Payment Element shows the amount of the intent as Elements last read it.
  Element.prototype._showIntent = function () {
    var intent = this._group._intent;
    if (this._type !== 'payment' || !this._frame || !intent) return Promise.resolve();
    return this._ask('intent', intent);
  };

  Element.prototype.update = function (options) {
    this._options = Object.assign({}, this._options, options);
    if (this._frame) this._ask('update', options);
    return this;
  };
  Element.prototype.focus = function () {
    this._ask('focus');
    return this;
  };
  Element.prototype.blur = function () {
    this._ask('blur');
    return this;
  };
  Element.prototype.clear = function () {
    this._ask('clear');
    return this;
  };
  Element.prototype.collapse = function () {
    return this;
  };
  Element.prototype.unmount = function () {
    if (this._frame && this._frame.parentNode) this._frame.parentNode.removeChild(this._frame);
    this._frame = null;
    this._ready = false;
    this._queue.forEach(function (message) {
      var resolve = pendingReplies[message.requestId];
      delete pendingReplies[message.requestId];
      if (resolve)
        resolve({ error: { type: 'validation_error', message: 'This element is not mounted.' } });
    });
    this._queue = [];
    return this;
  };
  Element.prototype.destroy = function () {
    this.unmount();
    delete elementsById[this._id];
    delete this._group._elements[this._type];
    this._listeners = {};
  };
  // Address Element: validates (showing errors by their fields) and reads the form.
  Element.prototype.getValue = function (options) {
    var self = this;
    function current() {
      return { complete: self._state.complete, isNewAddress: true, value: copy(self._state.value) };
    }
    if (this._type !== 'address' || !this._frame) return Promise.resolve(current());
    return this._ask('get-value', options || {}).then(function (reply) {
      if (reply.error) return current();
      self._state = { empty: reply.empty, complete: reply.complete, value: reply.value };
      return current();
    });
  };

  function Elements(stripe, options) {
    this._stripe = stripe;
    this._options = options || {};
    this._elements = {};
    this._listeners = {};
    // The intent as Elements last read it: what the Payment Element shows and pays.
    this._intent = null;
    var clientSecret = this._options.clientSecret;
    this._intentProblem = clientSecret ? this._checkIntent(clientSecret) : Promise.resolve(null);
  }

  // Mirrors Elements refusing client secrets it cannot use.
  Elements.prototype._checkIntent = function (clientSecret) {
    var self = this;
    return this._stripe.retrievePaymentIntent(clientSecret).then(function (result) {
      if (result.error) return result.error.message;
      self._setIntent(result.paymentIntent);
      return unusableMessage(result.paymentIntent.status);
    });
  };

  Elements.prototype._setIntent = function (intent) {
    this._intent = {
      id: intent.id,
      amount: intent.amount,
      currency: intent.currency,
      status: intent.status,
    };
    var payment = this._elements.payment;
    return payment ? payment._showIntent() : Promise.resolve();
  };

  Elements.prototype._emit = function (name) {
    (this._listeners[name] || []).slice().forEach(function (handler) {
      handler();
    });
  };

  Elements.prototype.create = function (type, options) {
    if (TYPES.indexOf(type) === -1)
      throw new Error(
        'The local Stripe emulator does not provide a "' +
          type +
          '" Element; it supports ' +
          TYPES.join(', ') +
          '.',
      );
    if (this._elements[type]) throw new Error('Can only create one Element of type ' + type + '.');
    var element = new Element(this, type, options);
    this._elements[type] = element;
    return element;
  };
  Elements.prototype.getElement = function (type) {
    return this._elements[type] || null;
  };
  Elements.prototype.update = function (options) {
    var self = this;
    this._options = Object.assign({}, this._options, options);
    return Promise.resolve().then(function () {
      self._emit('update-end');
    });
  };
  Elements.prototype.on = function (name, handler) {
    (this._listeners[name] = this._listeners[name] || []).push(handler);
  };
  // Re-reads the intent (amount, currency, status) with the client secret and
  // resolves once the Payment Element shows it: {} or {error}.
  Elements.prototype.fetchUpdates = function () {
    var self = this;
    var clientSecret = this._options.clientSecret;
    if (!clientSecret) return Promise.resolve({});
    return this._stripe.retrievePaymentIntent(clientSecret).then(function (result) {
      if (result.error) return { error: result.error };
      var intent = result.paymentIntent;
      return self._setIntent(intent).then(function () {
        var problem = unusableMessage(intent.status);
        return problem
          ? { error: { type: 'invalid_request_error', message: problem, status: intent.status } }
          : {};
      });
    });
  };
  Elements.prototype.submit = function () {
    var self = this;
    var types = TYPES.filter(function (type) {
      return self._elements[type];
    });
    return Promise.all(
      types.map(function (type) {
        return self._elements[type]._ask('submit');
      }),
    ).then(function (results) {
      for (var i = 0; i < results.length; i++) {
        if (results[i].error) return { error: results[i].error };
      }
      return { selectedPaymentMethod: 'card' };
    });
  };

  function Stripe(key, options) {
    if (!(this instanceof Stripe)) return new Stripe(key, options);
    if (typeof key !== 'string' || key.indexOf('pk_') !== 0) {
      throw new Error(
        'Invalid value for Stripe(): apiKey should be a publishable key (pk_test_…). You specified: ' +
          key +
          '.',
      );
    }
    this._key = key;
    this._options = options || {};
  }
  Stripe.version = RELEASE_TRAIN;

  Stripe.prototype.elements = function (options) {
    return new Elements(this, options);
  };
  Stripe.prototype._registerWrapper = function () {};
  Stripe.prototype.registerAppInfo = function () {};

  Stripe.prototype.retrievePaymentIntent = function (clientSecret) {
    return api('GET', '/v1/payment_intents/' + intentId(clientSecret), {
      key: this._key,
      client_secret: clientSecret,
    }).then(function (result) {
      return result.error ? { error: result.error } : { paymentIntent: result.data };
    });
  };

  Stripe.prototype.createPaymentMethod = function (options) {
    var elements = options && options.elements;
    var payment = elements && elements.getElement('payment');
    if (!payment)
      return Promise.resolve({
        error: {
          type: 'invalid_request_error',
          message: 'Pass { elements } with a mounted Payment Element.',
        },
      });
    return payment
      ._ask('create-payment-method', {
        billing_details: (options.params && options.params.billing_details) || {},
      })
      .then(function (reply) {
        return reply.error ? { error: reply.error } : { paymentMethod: reply.paymentMethod };
      });
  };

  Stripe.prototype.createToken = function () {
    return Promise.resolve({
      error: {
        type: 'invalid_request_error',
        message: 'createToken is not supported by the local Stripe emulator; use PaymentMethods.',
      },
    });
  };

  // Shows the emulator's 3D Secure page in a modal and resolves when the shopper chose.
  function authenticate(stripe, intent) {
    var url =
      intent.next_action.use_stripe_sdk.stripe_js +
      '&key=' +
      encodeURIComponent(stripe._key) +
      '&origin=' +
      encodeURIComponent(window.location.origin);
    return new Promise(function (resolve) {
      var overlay = document.createElement('div');
      overlay.style.cssText =
        'position: fixed; inset: 0; background: rgba(0,0,0,.55); display: flex; align-items: center; justify-content: center; z-index: 2147483647;';
      var frame = document.createElement('iframe');
      frame.src = url;
      frame.title = '3D Secure authentication';
      frame.style.cssText =
        'width: min(420px, 92vw); height: 360px; border: 0; border-radius: 8px; background: #fff;';
      overlay.appendChild(frame);
      document.body.appendChild(overlay);
      function onMessage(event) {
        if (
          event.origin !== ORIGIN ||
          !event.data ||
          event.data.source !== 'stripe-emulator' ||
          event.data.kind !== '3ds-done'
        )
          return;
        window.removeEventListener('message', onMessage);
        overlay.parentNode.removeChild(overlay);
        resolve();
      }
      window.addEventListener('message', onMessage);
    });
  }

  function finish(stripe, intent, returnUrl, redirect) {
    if (intent.status === 'requires_payment_method' && intent.last_payment_error) {
      var error = Object.assign({}, intent.last_payment_error, {
        type: 'card_error',
        payment_intent: intent,
      });
      return { error: error };
    }
    if (redirect === 'if_required' || !returnUrl) return { paymentIntent: intent };
    var target = new URL(returnUrl, window.location.href);
    target.searchParams.set('payment_intent', intent.id);
    target.searchParams.set('payment_intent_client_secret', intent.client_secret);
    target.searchParams.set(
      'redirect_status',
      intent.status === 'succeeded' ||
        intent.status === 'processing' ||
        intent.status === 'requires_capture'
        ? 'succeeded'
        : 'failed',
    );
    window.location.assign(target.toString());
    return new Promise(function () {});
  }

  function confirm(stripe, clientSecret, body, returnUrl, redirect) {
    return api('POST', '/v1/payment_intents/' + intentId(clientSecret) + '/confirm', body).then(
      function (result) {
        if (result.error) return { error: result.error };
        var intent = result.data;
        if (
          intent.status !== 'requires_action' ||
          !intent.next_action ||
          intent.next_action.type !== 'use_stripe_sdk'
        ) {
          return finish(stripe, intent, returnUrl, redirect);
        }
        return authenticate(stripe, intent)
          .then(function () {
            return stripe.retrievePaymentIntent(clientSecret);
          })
          .then(function (retrieved) {
            return retrieved.error
              ? { error: retrieved.error }
              : finish(stripe, retrieved.paymentIntent, returnUrl, redirect);
          });
      },
    );
  }

  Stripe.prototype.confirmPayment = function (options) {
    var stripe = this;
    options = options || {};
    var elements = options.elements;
    var params = options.confirmParams || {};
    var redirect = options.redirect || 'always';
    var clientSecret = options.clientSecret || (elements && elements._options.clientSecret);
    if (!clientSecret)
      return Promise.resolve({
        error: {
          type: 'invalid_request_error',
          message: 'confirmPayment needs a clientSecret, on Elements or in the call.',
        },
      });
    if (redirect !== 'if_required' && !params.return_url) {
      return Promise.resolve({
        error: {
          type: 'invalid_request_error',
          message: 'confirmPayment: confirmParams.return_url is required.',
        },
      });
    }
    var body = {
      key: stripe._key,
      client_secret: clientSecret,
      return_url: params.return_url,
      use_stripe_sdk: 'true',
      receipt_email: params.receipt_email,
      shipping: params.shipping,
      payment_method: params.payment_method,
    };
    if (!elements) return confirm(stripe, clientSecret, body, params.return_url, redirect);

    return elements.submit().then(function (submitted) {
      if (submitted.error) return submitted;
      var address = elements.getElement('address');
      var link = elements.getElement('linkAuthentication');
      var email = link && link._state.value ? link._state.value.email : undefined;
      var shipping =
        address && (address._options.mode || 'shipping') === 'shipping'
          ? address._state.value
          : null;
      if (email) body.receipt_email = body.receipt_email || email;
      if (shipping) body.shipping = body.shipping || shipping;
      var billing = Object.assign(
        {
          email: email,
          name: shipping ? shipping.name : undefined,
          address: shipping ? shipping.address : undefined,
        },
        (params.payment_method_data && params.payment_method_data.billing_details) || {},
      );
      return stripe
        .createPaymentMethod({ elements: elements, params: { billing_details: billing } })
        .then(function (created) {
          if (created.error) return { error: created.error };
          body.payment_method = created.paymentMethod.id;
          return confirm(stripe, clientSecret, body, params.return_url, redirect);
        });
    });
  };

  Stripe.prototype.confirmCardPayment = function (clientSecret, data) {
    var body = {
      key: this._key,
      client_secret: clientSecret,
      use_stripe_sdk: 'true',
      payment_method: data && data.payment_method,
      return_url: data && data.return_url,
    };
    return confirm(this, clientSecret, body, body.return_url, 'if_required');
  };

  Stripe.prototype.handleNextAction = function (options) {
    var stripe = this;
    return this.retrievePaymentIntent(options.clientSecret).then(function (result) {
      if (result.error) return result;
      var intent = result.paymentIntent;
      if (intent.status !== 'requires_action') return { paymentIntent: intent };
      return authenticate(stripe, intent).then(function () {
        return stripe.retrievePaymentIntent(options.clientSecret);
      });
    });
  };

  window.Stripe = Stripe;
})();

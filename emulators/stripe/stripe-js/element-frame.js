/*
 * Runs inside each Element iframe on the emulator's origin: renders labelled
 * fields, validates them as Stripe's Elements do, reports `change` events to
 * the page, and (Payment Element) sends the card straight to the emulator, so
 * the page only ever sees a PaymentMethod id.
 */
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('config').textContent);
  var type = config.type;
  var parentOrigin = config.origin;
  var options = config.options || {};
  var form = document.getElementById('fields');
  var fields = {};
  var touched = {};

  // Offered when no allowedCountries are given; the first is the default.
  var COUNTRIES = [
    ['US', 'United States'],
    ['CA', 'Canada'],
    ['GB', 'United Kingdom'],
    ['IE', 'Ireland'],
    ['DE', 'Germany'],
    ['FR', 'France'],
    ['NL', 'Netherlands'],
    ['ES', 'Spain'],
    ['IT', 'Italy'],
    ['JP', 'Japan'],
    ['AU', 'Australia'],
    ['NZ', 'New Zealand'],
  ];

  // allowedCountries: two-letter ISO codes, offered in the order given.
  function countryOptions(allowed) {
    if (!Array.isArray(allowed) || allowed.length === 0) return COUNTRIES;
    var names =
      typeof Intl !== 'undefined' && Intl.DisplayNames
        ? new Intl.DisplayNames(['en'], { type: 'region' })
        : null;
    var seen = {};
    var list = [];
    allowed.forEach(function (code) {
      code = String(code).toUpperCase();
      if (!/^[A-Z]{2}$/.test(code) || seen[code]) return;
      seen[code] = true;
      var known = COUNTRIES.filter(function (c) {
        return c[0] === code;
      })[0];
      var name = known ? known[1] : null;
      if (!name && names) {
        try {
          name = names.of(code);
        } catch {
          name = null;
        }
      }
      list.push([code, name || code]);
    });
    return list.length ? list : COUNTRIES;
  }

  function post(kind, payload, requestId) {
    window.parent.postMessage(
      {
        source: 'stripe-emulator',
        elementId: config.id,
        kind: kind,
        payload: payload,
        requestId: requestId,
      },
      parentOrigin,
    );
  }

  function addField(name, label, attributes, select) {
    var wrapper = document.createElement('div');
    wrapper.className = 'field';
    var id = 'f-' + name;
    var labelEl = document.createElement('label');
    labelEl.htmlFor = id;
    labelEl.textContent = label;
    var input = document.createElement(select ? 'select' : 'input');
    input.id = id;
    input.name = name;
    Object.keys(attributes || {}).forEach(function (key) {
      input.setAttribute(key, attributes[key]);
    });
    if (select) {
      select.forEach(function (option) {
        var el = document.createElement('option');
        el.value = option[0];
        el.textContent = option[1];
        input.appendChild(el);
      });
    }
    var error = document.createElement('p');
    error.className = 'error';
    error.id = id + '-error';
    error.setAttribute('role', 'alert');
    input.setAttribute('aria-describedby', error.id);
    wrapper.appendChild(labelEl);
    wrapper.appendChild(input);
    wrapper.appendChild(error);
    form.appendChild(wrapper);
    fields[name] = input;
    input.addEventListener('input', function () {
      touched[name] = true;
      report();
    });
    input.addEventListener('change', function () {
      touched[name] = true;
      report();
    });
    input.addEventListener('focus', function () {
      post('focus', {});
    });
    input.addEventListener('blur', function () {
      showErrors(false);
      post('blur', {});
    });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') post('escape', {});
    });
    return input;
  }

  var defaults = options.defaultValues || {};
  if (type === 'payment') {
    addField('number', 'Card number', {
      inputmode: 'numeric',
      autocomplete: 'cc-number',
      placeholder: '1234 1234 1234 1234',
    });
    addField('expiry', 'Expiration date', {
      inputmode: 'numeric',
      autocomplete: 'cc-exp',
      placeholder: 'MM / YY',
    });
    addField('cvc', 'Security code', {
      inputmode: 'numeric',
      autocomplete: 'cc-csc',
      placeholder: 'CVC',
    });
    var amountLine = document.createElement('p');
    amountLine.className = 'amount';
    amountLine.id = 'amount';
    amountLine.hidden = true;
    form.parentNode.insertBefore(amountLine, form);
  } else if (type === 'address') {
    var address = defaults.address || {};
    var countries = countryOptions(options.allowedCountries);
    var wanted = address.country ? String(address.country).toUpperCase() : null;
    var country = countries.filter(function (c) {
      return c[0] === wanted;
    }).length
      ? wanted
      : countries[0][0];
    addField('name', 'Full name', { autocomplete: 'name' }).value = defaults.name || '';
    addField('country', 'Country or region', { autocomplete: 'country' }, countries).value =
      country;
    addField('line1', 'Address line 1', { autocomplete: 'address-line1' }).value =
      address.line1 || '';
    addField('line2', 'Address line 2', { autocomplete: 'address-line2' }).value =
      address.line2 || '';
    addField('city', 'City', { autocomplete: 'address-level2' }).value = address.city || '';
    addField('state', 'State', { autocomplete: 'address-level1' }).value = address.state || '';
    addField('postal_code', 'ZIP', { autocomplete: 'postal-code' }).value =
      address.postal_code || '';
  } else if (type === 'linkAuthentication') {
    addField('email', 'Email', { type: 'email', autocomplete: 'email' }).value =
      defaults.email || '';
  }

  function digits(value) {
    return value.replace(/\D/g, '');
  }

  function luhn(number) {
    var sum = 0;
    for (var i = 0; i < number.length; i++) {
      var digit = Number(number[number.length - 1 - i]);
      if (i % 2 === 1) {
        digit *= 2;
        if (digit > 9) digit -= 9;
      }
      sum += digit;
    }
    return number.length >= 12 && sum % 10 === 0;
  }

  function parseExpiry() {
    var d = digits(fields.expiry.value);
    return {
      month: Number(d.slice(0, 2)),
      year: 2000 + Number(d.slice(2, 4)),
      complete: d.length === 4,
    };
  }

  // Stripe's validation errors: { field, code, message } or null.
  function firstError() {
    if (type === 'payment') {
      var number = digits(fields.number.value);
      if (number.length < 13)
        return {
          field: 'number',
          code: 'incomplete_number',
          message: 'Your card number is incomplete.',
        };
      if (!luhn(number))
        return { field: 'number', code: 'invalid_number', message: 'Your card number is invalid.' };
      var expiry = parseExpiry();
      if (!expiry.complete)
        return {
          field: 'expiry',
          code: 'incomplete_expiry',
          message: "Your card's expiration date is incomplete.",
        };
      if (expiry.month < 1 || expiry.month > 12)
        return {
          field: 'expiry',
          code: 'invalid_expiry_month',
          message: "Your card's expiration month is invalid.",
        };
      var now = new Date();
      if (expiry.year < now.getFullYear())
        return {
          field: 'expiry',
          code: 'invalid_expiry_year_past',
          message: "Your card's expiration year is in the past.",
        };
      if (expiry.year === now.getFullYear() && expiry.month < now.getMonth() + 1)
        return {
          field: 'expiry',
          code: 'invalid_expiry_month_past',
          message: "Your card's expiration date is in the past.",
        };
      if (digits(fields.cvc.value).length < 3)
        return {
          field: 'cvc',
          code: 'incomplete_cvc',
          message: "Your card's security code is incomplete.",
        };
      return null;
    }
    if (type === 'address') {
      var required = ['name', 'line1', 'city', 'postal_code'].concat(
        fields.country.value === 'US' ? ['state'] : [],
      );
      for (var i = 0; i < required.length; i++) {
        if (!fields[required[i]].value.trim())
          return {
            field: required[i],
            code: 'incomplete_address',
            message: 'Your address is incomplete.',
          };
      }
      if (
        fields.country.value === 'US' &&
        !/^\d{5}(-\d{4})?$/.test(fields.postal_code.value.trim())
      ) {
        return {
          field: 'postal_code',
          code: 'invalid_postal_code',
          message: 'Your ZIP is invalid.',
        };
      }
      return null;
    }
    var email = fields.email.value.trim();
    if (!email)
      return {
        field: 'email',
        code: 'incomplete_email',
        message: 'Your email address is incomplete.',
      };
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      return { field: 'email', code: 'invalid_email', message: 'Your email address is invalid.' };
    return null;
  }

  function value() {
    if (type === 'payment') return { type: 'card' };
    if (type === 'linkAuthentication') return { email: fields.email.value.trim() };
    var line2 = fields.line2.value.trim();
    return {
      name: fields.name.value.trim(),
      address: {
        line1: fields.line1.value.trim(),
        line2: line2 || null,
        city: fields.city.value.trim(),
        state: fields.state.value.trim(),
        postal_code: fields.postal_code.value.trim(),
        country: fields.country.value,
      },
    };
  }

  function isEmpty() {
    return Object.keys(fields).every(function (name) {
      return name === 'country' || !fields[name].value.trim();
    });
  }

  function showErrors(all) {
    var error = firstError();
    Object.keys(fields).forEach(function (name) {
      var shown = error && error.field === name && (all || touched[name]);
      document.getElementById('f-' + name + '-error').textContent = shown ? error.message : '';
      fields[name].setAttribute('aria-invalid', shown ? 'true' : 'false');
    });
    return error;
  }

  function state() {
    return { empty: isEmpty(), complete: firstError() === null, value: value() };
  }

  // Stripe fires change "when any value in the change event payload changes".
  var lastReported = null;
  function report() {
    var payload = state();
    var serialized = JSON.stringify(payload);
    if (serialized === lastReported) return;
    lastReported = serialized;
    post('change', payload);
  }

  function formatAmount(amount, currency) {
    try {
      var format = new Intl.NumberFormat('en-US', {
        style: 'currency',
        currency: currency,
        currencyDisplay: 'narrowSymbol',
      });
      var digits = format.resolvedOptions().maximumFractionDigits;
      return format.format(amount / Math.pow(10, digits));
    } catch {
      return amount + ' ' + String(currency).toUpperCase();
    }
  }

  function resize() {
    post('resize', { height: Math.ceil(document.documentElement.scrollHeight) });
  }

  function encode(prefix, data, out) {
    Object.keys(data).forEach(function (key) {
      var v = data[key];
      if (v === undefined || v === null || v === '') return;
      var name = prefix ? prefix + '[' + key + ']' : key;
      if (typeof v === 'object') encode(name, v, out);
      else out.push(name + '=' + encodeURIComponent(String(v)));
    });
    return out;
  }

  function createPaymentMethod(billingDetails) {
    var expiry = parseExpiry();
    var body = encode(
      '',
      {
        key: config.key,
        type: 'card',
        card: {
          number: digits(fields.number.value),
          exp_month: expiry.month,
          exp_year: expiry.year,
          cvc: digits(fields.cvc.value),
        },
        billing_details: billingDetails || {},
      },
      [],
    ).join('&');
    return fetch('/v1/payment_methods', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body,
    })
      .then(function (response) {
        return response.json().then(function (json) {
          return response.ok ? { paymentMethod: json } : { error: json.error };
        });
      })
      .catch(function () {
        return {
          error: {
            type: 'api_connection_error',
            message: 'Could not reach the local Stripe emulator.',
          },
        };
      });
  }

  window.addEventListener('message', function (event) {
    if (
      event.origin !== parentOrigin ||
      !event.data ||
      event.data.source !== 'stripe-emulator-parent'
    )
      return;
    var message = event.data;
    var reply = function (payload) {
      post('reply', payload, message.requestId);
    };
    if (message.kind === 'submit') {
      var error = showErrors(true);
      resize();
      reply(
        error
          ? { error: { type: 'validation_error', code: error.code, message: error.message } }
          : { complete: true },
      );
    } else if (message.kind === 'create-payment-method') {
      if (type !== 'payment')
        return reply({
          error: {
            type: 'invalid_request_error',
            message: 'Only the Payment Element creates payment methods.',
          },
        });
      createPaymentMethod(message.payload.billing_details).then(reply);
    } else if (message.kind === 'focus') {
      var first = form.querySelector('input, select');
      if (first) first.focus();
      reply({});
    } else if (message.kind === 'blur') {
      if (document.activeElement) document.activeElement.blur();
      reply({});
    } else if (message.kind === 'clear') {
      Object.keys(fields).forEach(function (name) {
        if (name !== 'country') fields[name].value = '';
      });
      touched = {};
      showErrors(false);
      report();
      reply({});
    } else if (message.kind === 'get-value') {
      showErrors(true);
      resize();
      var current = state();
      reply({
        empty: current.empty,
        complete: current.complete,
        isNewAddress: true,
        value: current.value,
      });
    } else if (message.kind === 'intent') {
      var line = document.getElementById('amount');
      if (line && typeof message.payload.amount === 'number') {
        line.textContent =
          'Amount to pay: ' + formatAmount(message.payload.amount, message.payload.currency);
        line.hidden = false;
        resize();
      }
      reply({});
    } else {
      reply({});
    }
  });

  if (window.ResizeObserver) new ResizeObserver(resize).observe(document.body);
  resize();
  report();
  post('ready', {});
})();

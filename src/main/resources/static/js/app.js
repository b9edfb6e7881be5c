/* BYOM Lab pages: CSRF header for htmx, one submit per form, dialogs, and the key's live format check. */
(function () {
  'use strict';

  // htmx requests carry the CSRF token in a header (forms carry it as a hidden field)
  document.addEventListener('htmx:configRequest', function (e) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
      e.detail.headers[header.content] = token.content;
    }
  });

  // a form is sent once: the second click does nothing (the server also refuses a reused form token)
  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (form.dataset.submitting === 'true') {
      e.preventDefault();
      return;
    }
    form.dataset.submitting = 'true';
    form.querySelectorAll('button[type=submit]').forEach(function (b) {
      b.setAttribute('aria-busy', 'true');
      if (b.dataset.busyText) { b.textContent = b.dataset.busyText; }
      // disabled after the submit event, so the browser still sends the form
      setTimeout(function () { b.disabled = true; }, 0);
    });
  });
  // coming back with the Back button restores a page from cache: make its forms usable again
  window.addEventListener('pageshow', function (e) {
    if (!e.persisted) { return; }
    document.querySelectorAll('form[data-submitting]').forEach(function (f) {
      delete f.dataset.submitting;
      f.querySelectorAll('button[type=submit]').forEach(function (b) { b.disabled = false; b.removeAttribute('aria-busy'); });
    });
  });

  // native dialogs: focus is trapped inside, Escape closes
  document.querySelectorAll('[data-open-dialog]').forEach(function (button) {
    button.addEventListener('click', function () {
      var dialog = document.getElementById(button.dataset.openDialog);
      dialog.showModal();
      var first = dialog.querySelector('textarea, input:not([type=hidden]), select');
      if (first) { first.focus(); }
    });
  });
  document.querySelectorAll('[data-close-dialog]').forEach(function (button) {
    button.addEventListener('click', function () { document.getElementById(button.dataset.closeDialog).close(); });
  });
  document.querySelectorAll('dialog[data-open-on-load]').forEach(function (dialog) {
    dialog.showModal();
    var invalid = dialog.querySelector('[aria-invalid=true]');
    if (invalid) { invalid.focus(); }
  });

  // copy buttons (the token page): the named element's text to the clipboard, with a word on how it went
  document.querySelectorAll('[data-copy]').forEach(function (button) {
    button.addEventListener('click', function () {
      var source = document.getElementById(button.dataset.copy);
      var section = button.closest('section');
      var status = section ? section.querySelector('.copy-status') : null;
      function said(text) {
        if (status) { status.textContent = text; }
        button.textContent = text === 'Copied.' ? 'Copied' : 'Copy';
      }
      function byHand() {
        // no clipboard API (an insecure origin, or permission refused): select the text for Ctrl+C
        var range = document.createRange();
        range.selectNodeContents(source);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        var ok = false;
        try { ok = document.execCommand('copy'); } catch (ignored) { ok = false; }
        said(ok ? 'Copied.' : 'Selected: press Ctrl+C (or Cmd+C) to copy.');
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(source.textContent).then(function () { said('Copied.'); }, byHand);
      } else {
        byHand();
      }
    });
  });

  // provider picker: help for the chosen provider, the fields it needs, and a fresh model list
  var keyInput = document.getElementById('apiKey');
  function chosenProvider() {
    return document.querySelector('input[name=provider]:checked');
  }
  function keyRules() {
    var p = chosenProvider();
    var source = p || keyInput;
    return source ? { prefix: source.dataset.prefix || '', example: source.dataset.example || '', name: source.dataset.name || 'This provider' } : null;
  }
  function showProviderFields(resetModels) {
    var p = chosenProvider();
    if (!p) { return; }
    var example = document.getElementById('apiKey-example');
    if (example) { example.textContent = p.dataset.example; }
    var baseExample = document.getElementById('baseUrl-example');
    if (baseExample && p.dataset.baseUrlExample) { baseExample.textContent = p.dataset.baseUrlExample; }
    document.querySelectorAll('.needs-base-url').forEach(function (el) { el.hidden = p.dataset.needsBaseUrl !== 'true'; });
    document.querySelectorAll('.needs-api-version').forEach(function (el) { el.hidden = p.dataset.needsApiVersion !== 'true'; });
    document.querySelectorAll('.needs-region').forEach(function (el) { el.hidden = p.dataset.needsRegion !== 'true'; });
    if (resetModels) {
      var result = document.getElementById('test-result');
      if (result) { result.innerHTML = ''; }
      var select = document.getElementById('modelName');
      if (select) {
        select.innerHTML = '';
        var option = document.createElement('option');
        option.value = '';
        option.textContent = 'Test the connection to list your models';
        select.appendChild(option);
      }
      checkKey();
    }
  }
  document.querySelectorAll('input[name=provider]').forEach(function (radio) {
    radio.addEventListener('change', function () { showProviderFields(true); });
  });
  showProviderFields(false);

  // the cheap checks of the server's KeyFormat, while typing: nothing is sent anywhere
  function checkKey() {
    if (!keyInput) { return; }
    var out = document.getElementById('apiKey-check');
    var rules = keyRules();
    var key = keyInput.value;
    var message = '';
    var ok = false;
    if (!key) {
      message = '';
    } else if (/[^\x21-\x7e]/.test(key)) {
      message = 'The key contains spaces, line breaks or unusual characters: copy it again without them.';
    } else if (key.length > 512) {
      message = 'That is longer than any key a provider issues: paste only the key.';
    } else if (rules && rules.prefix && key.indexOf(rules.prefix) !== 0) {
      message = rules.name + ' keys start with "' + rules.prefix + '". ' + rules.example + '.';
    } else {
      ok = true;
      message = 'Format looks right. Press Test connection to check it with ' + (rules ? rules.name : 'the provider') + '.';
    }
    out.textContent = message;
    out.classList.toggle('ok', ok);
    out.classList.toggle('bad', !ok && message !== '');
  }
  if (keyInput) {
    keyInput.addEventListener('input', checkKey);
  }
})();

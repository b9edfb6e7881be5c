/* A running session's page: steps, tokens, cost and status arrive live as server-sent events. */
(function () {
  'use strict';
  var root = document.getElementById('session');
  if (!root || root.dataset.final === 'true' || !window.EventSource) { return; }

  var steps = document.getElementById('steps');
  var live = document.getElementById('live-text');
  var waiting = document.getElementById('waiting');
  var ended = false;
  var titles = { model_turn: 'Model turn', tool_call: 'Tool call: ', tool_result: 'Tool result: ', error: 'Error',
    fallback: 'Switched model' };

  function text(id, value) {
    var el = document.getElementById(id);
    if (el) { el.textContent = value; }
  }
  // bidi embedding, override and isolate controls shown as marks, as the server writes them (ui/BidiControls)
  function plain(value) {
    return String(value).replace(/[\u202A-\u202E\u2066-\u2069]/g, function (c) {
      return '[U+' + c.charCodeAt(0).toString(16).toUpperCase() + ']';
    });
  }
  // the same rounding as the server's Format.usd: cents from a dollar up, three significant digits below
  function usd(n) {
    if (n === null || n === undefined) { return 'unknown'; }
    var v = Number(n);
    if (v === 0) { return '$0.00'; }
    if (Math.abs(v) >= 1) { return '$' + v.toFixed(2); }
    var rounded = Number(v.toPrecision(3));
    var str = String(rounded);
    var dot = str.indexOf('.');
    return '$' + (dot < 0 || str.length - dot - 1 < 2 ? rounded.toFixed(2) : str);
  }
  function add(id, amount) {
    var el = document.getElementById(id);
    if (el && amount) { el.textContent = String(Number(el.textContent) + Number(amount)); }
  }
  // a model turn carries its call's tokens and cost: the totals grow live, the final status sets them exactly
  function count(step) {
    if (step.kind !== 'model_turn') { return; }
    add('llm-calls', 1);
    add('tokens-in', step.input_tokens);
    add('tokens-out', step.output_tokens);
    add('cache-read', step.cached_tokens);
    add('cache-write', step.cache_write_tokens);
    var saving = document.getElementById('cache-saving');
    if (saving && step.cache_saving_usd !== undefined && step.cache_saving_usd !== null) {
      saving.dataset.usd = String(Number(saving.dataset.usd || 0) + Number(step.cache_saving_usd));
      saving.textContent = usd(saving.dataset.usd);
    }
    var cost = document.getElementById('cost');
    if (step.cost_usd !== undefined && step.cost_usd !== null) {
      cost.dataset.usd = String(Number(cost.dataset.usd || 0) + Number(step.cost_usd));
      cost.textContent = usd(cost.dataset.usd);
    }
  }
  // the layout of the server's pretty printer (StepView): objects one entry a line, arrays on one line
  function pretty(value, indent) {
    if (Array.isArray(value)) {
      return value.length ? '[ ' + value.map(function (v) { return pretty(v, indent + '  '); }).join(', ') + ' ]' : '[ ]';
    }
    if (value !== null && typeof value === 'object') {
      var keys = Object.keys(value);
      if (!keys.length) { return '{ }'; }
      var inner = indent + '  ';
      return '{\n' + keys.map(function (k) { return inner + JSON.stringify(k) + ': ' + pretty(value[k], inner); })
        .join(',\n') + '\n' + indent + '}';
    }
    return JSON.stringify(value);
  }
  function body(step) {
    var content = step.content || '';
    try {
      var json = JSON.parse(content);
      if ((step.kind === 'error' || step.kind === 'fallback') && json && json.message) { return json.message; }
      if (step.kind === 'tool_call' || step.kind === 'tool_result') { return pretty(json, ''); }
    } catch (ignored) { /* plain text */ }
    return content || (step.kind === 'model_turn' ? '(no text: the model asked for tools)' : '');
  }
  function meta(step) {
    var parts = [];
    if (step.input_tokens !== undefined && step.input_tokens !== null) {
      parts.push(step.input_tokens + ' in / ' + (step.output_tokens || 0) + ' out tokens');
    }
    if (step.cached_tokens || step.cache_write_tokens) {
      parts.push((step.cached_tokens || 0) + ' read from cache / ' + (step.cache_write_tokens || 0) + ' written');
    }
    if (step.latency_ms !== undefined && step.latency_ms !== null) { parts.push(step.latency_ms + ' ms'); }
    return parts.join(' · ');
  }
  // built with textContent only: model output is never interpreted as HTML
  function addStep(step) {
    if (steps.querySelector('[data-seq="' + step.seq + '"]')) { return; }
    var li = document.createElement('li');
    li.className = 'step step-' + step.kind;
    li.dataset.seq = step.seq;
    var head = document.createElement('div');
    head.className = 'step-head';
    var title = document.createElement('span');
    title.className = 'step-title';
    title.textContent = plain((titles[step.kind] || step.kind) + (step.tool_name && step.kind !== 'model_turn' && step.kind !== 'error' ? step.tool_name : ''));
    var m = document.createElement('span');
    m.className = 'step-meta';
    m.textContent = meta(step);
    head.appendChild(title);
    head.appendChild(m);
    var pre = document.createElement('pre');
    pre.className = 'step-body';
    pre.textContent = plain(body(step));
    li.appendChild(head);
    li.appendChild(pre);
    steps.appendChild(li);
    root.dataset.lastSeq = step.seq;
    count(step);
    if (step.kind === 'fallback') { switched(step); }
    if (waiting) { waiting.hidden = true; }
  }
  // the session moved to another credential: the model that runs now, live
  function switched(step) {
    try {
      var to = JSON.parse(step.content).to;
      if (to && to.label) { text('ran-model', to.label); }
    } catch (ignored) { /* the step itself says it */ }
  }
  function showStatus(s) {
    var badge = document.getElementById('status');
    badge.className = 'status status-' + s.status;
    badge.dataset.status = s.status;
    badge.textContent = s.status.charAt(0).toUpperCase() + s.status.slice(1).replace(/_/g, ' ');
    text('status-reason', plain(s.status_reason || ''));
    text('llm-calls', s.llm_calls);
    text('tokens-in', s.input_tokens);
    text('tokens-out', s.output_tokens);
    text('cost', usd(s.cost_usd));
    text('cache-read', s.cached_input_tokens);
    text('cache-write', s.cache_write_tokens);
    if (s.cache_saving_usd !== undefined && s.cache_saving_usd !== null) { text('cache-saving', usd(s.cache_saving_usd)); }
  }

  var source = new EventSource(root.dataset.events + '?after=' + encodeURIComponent(root.dataset.lastSeq || '0'));
  source.addEventListener('step', function (e) {
    live.hidden = true;
    live.textContent = '';
    addStep(JSON.parse(e.data));
  });
  source.addEventListener('delta', function (e) {
    live.hidden = false;
    live.textContent += plain(JSON.parse(e.data).text);
  });
  source.addEventListener('status', function (e) {
    var s = JSON.parse(e.data);
    showStatus(s);
    if (['pending', 'running'].indexOf(s.status) < 0) {
      ended = true;
      source.close();
      // the finished page renders the report and the price chart
      window.setTimeout(function () { window.location.reload(); }, 400);
    }
  });
  source.onerror = function () {
    // the browser reconnects by itself (with Last-Event-ID); a closed stream (e.g. login expired) stays closed
    if (!ended && source.readyState === EventSource.CLOSED) {
      document.getElementById('live-problem').hidden = false;
    }
  };
})();

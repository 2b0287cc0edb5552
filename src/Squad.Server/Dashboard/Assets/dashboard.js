// The Squad dashboard. Every text from the store (issue titles, agent messages, reasons) is hostile: it is only ever
// set as textContent or as an attribute value, never parsed as markup, and only http(s) addresses become links.
(function () {
  'use strict';

  var SVG = 'http://www.w3.org/2000/svg';
  var POLL_MS = 1500;
  var STEPS = {
    Pending: 'pending', Diagnosis: 'diagnosis', Intake: 'intake', Workspace: 'workspace', QaTests: 'QA tests',
    RegressionCheck: 'regression check', Implementation: 'implementation', PullRequest: 'pull request',
    Review: 'review', Fix: 'fix round', Queue: 'merge queue', Merge: 'merge', TrackerUpdate: 'tracker update', Done: 'done'
  };

  var byId = function (id) { return document.getElementById(id); };
  var state = { selected: null, engaged: false, available: false, busy: false, lastRun: '' };

  function el(tag, className) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) { continue; }
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function svgEl(tag, attributes, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, String(attributes[name])); });
    if (text !== undefined) { node.textContent = String(text); }
    return node;
  }

  function webLink(url) {
    if (typeof url !== 'string') { return null; }
    try {
      var parsed = new URL(url, location.href);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  function link(url, text) {
    var safe = webLink(url);
    if (!safe) { return el('span', null, text); }
    var a = el('a', null, text);
    a.href = safe;
    a.rel = 'noopener noreferrer';
    return a;
  }

  function time(iso) { return iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : ''; }

  function duration(ms) {
    var s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) { return s + ' s'; }
    if (s < 3600) { return Math.floor(s / 60) + ' min ' + (s % 60) + ' s'; }
    return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
  }

  function usd(value) { return '$' + Number(value).toFixed(4); }

  function count(value) { return Number(value).toLocaleString('en-US'); }

  function stepName(step) { return STEPS[step] || step; }

  function stepClass(step) { return /^[A-Za-z]+$/.test(step) ? 'step-' + step : 'step-Pending'; }

  function renderRunList(runs) {
    var list = byId('run-list');
    list.replaceChildren();
    if (runs.length === 0) {
      list.append(el('li', 'empty', 'No runs yet: start one with squad run, squad demo, or /squad run in Slack.'));
    }
    runs.forEach(function (run) {
      var a = el('a', run.id === state.selected ? 'selected' : null, run.milestone,
        el('span', 'run-meta', run.id + ' · ' + run.status + ' · ' + usd(run.usage.costUsd)));
      a.href = '#' + encodeURIComponent(run.id);
      a.dataset.run = run.id;
      list.append(el('li', null, a));
    });
  }

  function renderRun(data) {
    var run = data.run;
    var section = byId('run');
    var end = run.finishedAt ? new Date(run.finishedAt) : new Date(data.generatedAt);
    section.replaceChildren(
      el('h2', null, 'Run ' + run.id, el('span', 'badge ' + run.status, run.status)),
      el('p', 'meta', 'Milestone ' + run.milestone + ' · repository ' + run.repository + ' · model ' + run.model +
        (run.scripted ? ' (scripted: prepared responses, not an AI)' : '')),
      el('p', 'meta', 'Started ' + time(run.startedAt) + (run.finishedAt ? ' · finished ' + time(run.finishedAt) : ' · running') +
        ' · ' + duration(end - new Date(run.startedAt)) + ' · ' + count(run.usage.calls) + ' model calls · ' +
        count(run.usage.inputTokens + run.usage.outputTokens) + ' tokens · ' + usd(run.usage.costUsd)),
      el('h3', null, 'Squads'),
      squadTable(data),
      el('h3', null, 'Timeline'),
      timeline(data),
      el('h3', null, 'Cost and tokens'),
      el('div', 'charts',
        chart('Cost per role', data.roles, function (u) { return u.costUsd; }, usd, false),
        chart('Tokens per role', data.roles, function (u) { return u.inputTokens + u.outputTokens; }, count, true),
        chart('Cost per issue', data.issues, function (u) { return u.costUsd; }, usd, false),
        chart('Tokens per issue', data.issues, function (u) { return u.inputTokens + u.outputTokens; }, count, true)));
  }

  function squadTable(data) {
    if (data.squads.length === 0) { return el('p', 'empty', 'No squad has started yet.'); }
    var body = el('tbody');
    data.squads.forEach(function (squad) {
      var links = el('td', 'links');
      if (webLink(squad.issueUrl)) { links.append(link(squad.issueUrl, 'issue')); }
      if (squad.pullRequestNumber) {
        links.append(squad.pullRequestUrl ? link(squad.pullRequestUrl, 'PR #' + squad.pullRequestNumber)
          : el('span', null, 'PR #' + squad.pullRequestNumber + (squad.pullRequestLocation ? ' (' + squad.pullRequestLocation + ')' : '')));
      }
      links.append(squad.auditUrl ? link(squad.auditUrl, 'audit') : el('span', null, 'audit: squad audit ' + data.run.id));
      var row = el('tr', null,
        el('td', null, squad.issue),
        el('td', 'title', squad.title),
        el('td', null, el('span', 'outcome ' + squad.outcome, squad.outcome)),
        el('td', null, stepName(squad.step)),
        el('td', null, String(squad.reviewRounds)),
        links,
        el('td', 'reason', squad.reason || (squad.timeline.length ? squad.timeline[squad.timeline.length - 1].detail : '')));
      row.dataset.issue = squad.issue;
      body.append(row);
    });
    return el('table', 'squads',
      el('thead', null, el('tr', null, el('th', null, 'Issue'), el('th', null, 'Title'), el('th', null, 'Outcome'),
        el('th', null, 'Last step'), el('th', null, 'Review rounds'), el('th', null, 'Links'), el('th', null, 'Latest'))),
      body);
  }

  function timeline(data) {
    var squads = data.squads.filter(function (s) { return s.timeline.length > 0; });
    if (squads.length === 0) { return el('p', 'empty', 'No step has been recorded yet.'); }
    var start = new Date(data.run.startedAt).getTime();
    var finish = new Date(data.run.finishedAt || data.generatedAt).getTime();
    squads.forEach(function (s) { s.timeline.forEach(function (g) { finish = Math.max(finish, new Date(g.end).getTime()); }); });
    var span = Math.max(1000, finish - start);
    var width = 960, label = 110, right = 10, row = 24, top = 22;
    var height = top + squads.length * row + 6;
    var scale = function (t) { return label + (new Date(t).getTime() - start) / span * (width - label - right); };
    var chartSvg = svgEl('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': 'Timeline of each squad\'s steps', 'class': 'timeline' });
    [0, 0.25, 0.5, 0.75, 1].forEach(function (f) {
      var x = label + f * (width - label - right);
      chartSvg.append(svgEl('line', { x1: x, x2: x, y1: top - 4, y2: height, 'class': 'grid' }));
      chartSvg.append(svgEl('text', { x: Math.min(x, width - 40), y: 12, 'class': 'muted' }, duration(f * span)));
    });
    var seen = {};
    squads.forEach(function (squad, i) {
      var y = top + i * row;
      chartSvg.append(svgEl('text', { x: 4, y: y + 15 }, squad.issue));
      squad.timeline.forEach(function (segment) {
        seen[segment.step] = true;
        var x = scale(segment.start);
        var bar = svgEl('rect', {
          x: x, y: y + 3, height: row - 8, rx: 2,
          width: Math.max(3, scale(segment.end) - x),
          'class': 'bar ' + stepClass(segment.step) + (segment.open ? ' open' : ''),
          'data-step': segment.step, 'data-issue': squad.issue
        });
        bar.append(svgEl('title', {}, squad.issue + ' ' + stepName(segment.step) + ': ' + segment.detail + ' (' +
          duration(new Date(segment.end) - new Date(segment.start)) + (segment.open ? ', still running' : '') + ')'));
        chartSvg.append(bar);
      });
    });
    var legend = el('div', 'legend');
    Object.keys(STEPS).filter(function (step) { return seen[step]; }).concat(Object.keys(seen).filter(function (s) { return !STEPS[s]; }))
      .forEach(function (step) {
        var swatch = svgEl('svg', { viewBox: '0 0 10 10', 'aria-hidden': 'true' });
        swatch.append(svgEl('rect', { width: 10, height: 10, 'class': stepClass(step) }));
        legend.append(el('span', null, swatch, stepName(step)));
      });
    return el('div', null, legend, chartSvg);
  }

  function chart(title, items, value, format, tokens) {
    var figure = el('figure', 'chart', el('figcaption', null, title));
    figure.dataset.chart = title;
    if (items.length === 0) {
      figure.append(el('p', 'empty', 'No model calls yet.'));
      return figure;
    }
    var width = 460, label = 120, row = 22, valueWidth = 90;
    var max = Math.max.apply(null, items.map(value).concat([0]));
    var chartSvg = svgEl('svg', { viewBox: '0 0 ' + width + ' ' + (items.length * row + 4), role: 'img', 'aria-label': title });
    items.forEach(function (item, i) {
      var y = i * row;
      var w = max > 0 ? value(item) / max * (width - label - valueWidth) : 0;
      chartSvg.append(svgEl('text', { x: 0, y: y + 15 }, item.name));
      var bar = svgEl('rect', { x: label, y: y + 4, height: row - 8, width: Math.max(1, w), 'class': 'chart-bar' + (tokens ? ' tokens' : '') });
      bar.append(svgEl('title', {}, item.name + ': ' + format(value(item)) + ' in ' + item.calls + ' calls'));
      chartSvg.append(bar);
      chartSvg.append(svgEl('text', { x: label + Math.max(1, w) + 6, y: y + 15, 'class': 'muted' }, format(value(item))));
    });
    figure.append(chartSvg);
    return figure;
  }

  function renderKillSwitch(kill, message, isError) {
    state.engaged = kill.engaged;
    state.available = kill.available;
    var text = byId('kill-state');
    text.textContent = kill.engaged ? 'Merges are stopped: the kill switch is engaged.' : 'Merges are allowed.';
    text.className = kill.engaged ? 'engaged' : '';
    var button = byId('kill-button');
    button.textContent = kill.engaged ? 'Allow merges again' : 'Stop all merges';
    button.disabled = !kill.available || state.busy;
    byId('kill-token').disabled = !kill.available;
    var why = byId('kill-why');
    if (message !== undefined) {
      why.textContent = message;
      why.className = isError ? 'error' : '';
    } else if (!why.classList.contains('error') && !state.busy) {
      why.textContent = kill.why || '';
    }
  }

  function press() {
    var token = byId('kill-token').value;
    if (!token) {
      renderKillSwitch({ engaged: state.engaged, available: state.available }, 'Type the operator token first.', true);
      return;
    }
    state.busy = true;
    byId('kill-button').disabled = true;
    fetch('api/kill-switch', {
      method: 'POST', cache: 'no-store', credentials: 'omit',
      headers: { 'Content-Type': 'application/json', 'Authorization': 'Bearer ' + token },
      body: JSON.stringify({ engaged: !state.engaged })
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      state.busy = false;
      if (result.ok) {
        renderKillSwitch(result.body, result.body.engaged ? 'Done: merges are stopped.' : 'Done: merges are allowed again.', false);
      } else {
        renderKillSwitch({ engaged: state.engaged, available: state.available }, result.body.error || 'Refused.', true);
      }
    }).catch(function () {
      state.busy = false;
      renderKillSwitch({ engaged: state.engaged, available: state.available }, 'squad serve did not answer: nothing changed.', true);
    });
  }

  function getJson(url) {
    return fetch(url, { cache: 'no-store', credentials: 'omit' }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) { throw new Error(body.error || ('HTTP ' + response.status)); }
        return body;
      });
    });
  }

  function refresh() {
    return getJson('api/runs').then(function (snapshot) {
      if (!state.selected && snapshot.runs.length > 0) { state.selected = snapshot.runs[0].id; }
      renderRunList(snapshot.runs);
      renderKillSwitch(snapshot.killSwitch);
      if (!state.selected) {
        byId('run').replaceChildren(el('p', 'empty', 'No run to show yet.'));
        return;
      }
      return getJson('api/runs/' + encodeURIComponent(state.selected)).then(function (run) {
        var text = JSON.stringify(Object.assign({}, run, { generatedAt: run.run.status === 'running' ? run.generatedAt : null }));
        if (text !== state.lastRun) {
          state.lastRun = text;
          renderRun(run);
        }
      });
    }).then(function () {
      byId('status').textContent = 'Live: updated ' + new Date().toISOString().slice(11, 19) + ' UTC';
    }, function (error) {
      byId('status').textContent = 'Not updated: ' + error.message;
    });
  }

  function poll() { refresh().then(function () { setTimeout(poll, POLL_MS); }); }

  function select() {
    state.selected = decodeURIComponent(location.hash.slice(1)) || null;
    state.lastRun = '';
    refresh();
  }

  var embedded = byId('squad-data');
  if (embedded) {
    var data = JSON.parse(embedded.textContent);
    byId('runs').classList.add('hidden');
    renderRun(data);
    renderKillSwitch(data.killSwitch);
    byId('status').textContent = 'Report of run ' + data.run.id + ', written ' + time(data.generatedAt) + ' (a snapshot: it does not update)';
    return;
  }

  byId('kill-button').addEventListener('click', press);
  window.addEventListener('hashchange', select);
  state.selected = decodeURIComponent(location.hash.slice(1)) || null;
  poll();
})();

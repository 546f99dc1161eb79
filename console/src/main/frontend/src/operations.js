import { h, replaceChildren } from './dom.js';
import { api } from './http.js';
import { formatAge, lagPaths, latestLag, spanOf } from './lag.js';

const OVERVIEW_MS = 2000;
const DEAD_LETTERS_MS = 5000;
const COLOURS = ['#0b5cad', '#b3261e', '#1b7a36', '#8a4b00', '#6a3d9a', '#00727a'];
const WIDTH = 600;
const HEIGHT = 180;

/** The operator's page: lag per group over time, outbox backlog, dead letters with replay, stop/start a service. */
export function showOperations(main) {
  const chart = h('figure', { class: 'chart' });
  const outbox = h('div');
  const services = h('div');
  const deadLetters = h('div');
  const message = h('p', { class: 'message', role: 'status', 'aria-live': 'polite' });
  let busy = new Set();

  function renderOverview(overview) {
    const groups = overview.groups;
    const { max, paths } = lagPaths(overview.samples, groups, WIDTH, HEIGHT);
    const latest = latestLag(overview.samples, groups);
    replaceChildren(chart,
      h('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', preserveAspectRatio: 'none',
        'aria-label': `Consumer lag per group over the last ${spanOf(overview.samples)}; highest ${max} records` },
      h('line', { x1: 0, y1: HEIGHT, x2: WIDTH, y2: HEIGHT, class: 'axis' }),
      paths.map((p, i) => h('path', { d: p.d || 'M0,0', stroke: COLOURS[i % COLOURS.length], class: 'series' }))),
      h('figcaption', {}, `Records behind per consumer group, last ${spanOf(overview.samples)} (scale 0 to ${max}), sampled every ${overview.sampledEverySeconds} s.`),
      h('table', { class: 'legend' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Group'), h('th', { scope: 'col' }, 'Lag now'))),
        h('tbody', {}, latest.map((row, i) => h('tr', { 'data-group': row.group },
          h('th', { scope: 'row' }, h('span', { class: 'swatch', style: `background:${COLOURS[i % COLOURS.length]}`, 'aria-hidden': 'true' }), row.group),
          h('td', {}, row.lag === null ? 'not answering' : `${row.lag} records`))))));

    replaceChildren(outbox, h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Service'), h('th', { scope: 'col' }, 'Events waiting'),
        h('th', { scope: 'col' }, 'Oldest unpublished'))),
      h('tbody', {}, overview.outboxes.map((o) => h('tr', {},
        h('th', { scope: 'row' }, o.service),
        h('td', {}, o.waiting ?? 'not answering'),
        h('td', {}, formatAge(o.oldestAgeSeconds)))))));

    const stack = overview.stack;
    if (!stack.available) {
      replaceChildren(services, h('p', { class: 'hint' },
        'Stopping and starting services needs the local stack (scripts/run-local): ', stack.reason));
      return;
    }
    replaceChildren(services, h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Service'), h('th', { scope: 'col' }, 'State'),
        h('th', { scope: 'col' }, 'Action'))),
      h('tbody', {}, stack.services.map((s) => h('tr', { 'data-service': s.name },
        h('th', { scope: 'row' }, s.name),
        h('td', {}, s.state),
        h('td', {}, h('button', { type: 'button', class: 'secondary', disabled: busy.has(s.name) || s.state === 'starting',
          onclick: () => toggle(s) }, `${s.state === 'stopped' ? 'Start' : 'Stop'} ${s.name}`)))))));
  }

  function renderDeadLetters(groups) {
    replaceChildren(deadLetters, h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Group'), h('th', { scope: 'col' }, 'Dead letters'),
        h('th', { scope: 'col' }, 'Replay'))),
      h('tbody', {}, groups.map((g) => h('tr', { 'data-dead-letters': g.group },
        h('th', { scope: 'row' }, g.group),
        h('td', {}, g.error ? `not answering (${g.error})`
          : h('span', {}, `${g.total}`, g.total > 0 ? ` (${Object.entries(g.topics).filter(([, n]) => n > 0).map(([t, n]) => `${t}: ${n}`).join(', ')})` : '')),
        h('td', {}, h('button', { type: 'button', disabled: !!g.error || g.total === 0 || busy.has(`dlt:${g.group}`),
          onclick: () => replay(g.group) }, `Replay ${g.group}`)))))));
  }

  async function toggle(service) {
    const action = service.state === 'stopped' ? 'start' : 'stop';
    busy.add(service.name);
    message.textContent = `${action === 'stop' ? 'Stopping' : 'Starting'} ${service.name}…`;
    try {
      await api(`/api/operations/services/${encodeURIComponent(service.name)}/${action}`, { method: 'POST' });
      message.textContent = `${service.name} ${action === 'stop' ? 'stopped: watch its lag grow' : 'started: watch its lag drain'}.`;
    } catch (error) {
      message.textContent = `Could not ${action} ${service.name}: ${error.message}`;
    } finally {
      busy.delete(service.name);
      refreshOverview();
    }
  }

  async function replay(group) {
    busy.add(`dlt:${group}`);
    message.textContent = `Replaying ${group}'s dead letters…`;
    try {
      const report = await api(`/api/operations/dead-letters/${encodeURIComponent(group)}/replay`, { method: 'POST' });
      message.textContent = `Replayed ${group}: ${report.processed} processed, ${report.duplicates} already done, `
        + `${report.deadLetteredAgain} dead-lettered again${report.complete ? '' : ' (not complete: replay again)'}.`;
    } catch (error) {
      message.textContent = `Replay of ${group} failed: ${error.message}`;
    } finally {
      busy.delete(`dlt:${group}`);
      refreshDeadLetters();
    }
  }

  async function refreshOverview() {
    try {
      renderOverview(await api('/api/operations/overview'));
    } catch (error) {
      if (error.status === 401) window.location.reload();
      else message.textContent = `Overview not read: ${error.message}`;
    }
  }

  async function refreshDeadLetters() {
    try {
      renderDeadLetters(await api('/api/operations/dead-letters'));
    } catch (error) {
      message.textContent = `Dead letters not read: ${error.message}`;
    }
  }

  replaceChildren(main, message, h('div', { class: 'columns' },
    h('section', { class: 'card wide', 'aria-labelledby': 'lag-title' }, h('h2', { id: 'lag-title' }, 'Consumer lag'), chart),
    h('section', { class: 'card wide', 'aria-labelledby': 'dlt-title' }, h('h2', { id: 'dlt-title' }, 'Dead letters'),
      h('p', { class: 'hint' }, 'Records a group could not process; replay sends them back to that group only.'), deadLetters),
    h('section', { class: 'card', 'aria-labelledby': 'outbox-title' }, h('h2', { id: 'outbox-title' }, 'Outbox'),
      h('p', { class: 'hint' }, 'Events committed but not yet acknowledged by Kafka.'), outbox),
    h('section', { class: 'card', 'aria-labelledby': 'services-title' }, h('h2', { id: 'services-title' }, 'Services'), services)));
  refreshOverview();
  refreshDeadLetters();
  setInterval(() => { if (!document.hidden) refreshOverview(); }, OVERVIEW_MS);
  setInterval(() => { if (!document.hidden && busy.size === 0) refreshDeadLetters(); }, DEAD_LETTERS_MS);
}

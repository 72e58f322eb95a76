// gapgraph explorer: builds the page from the JSON of the element #data. Model text is
// only ever set with textContent, or as the value of an attribute of an element made
// here; nothing is parsed as markup, and the page asks the network for nothing.
(function () {
  'use strict';

  const DATA = JSON.parse(document.getElementById('data').textContent);
  const V = DATA.view;
  const MAPS = DATA.layout.maps;
  const SVGNS = 'http://www.w3.org/2000/svg';
  const STATUS = ['automated', 'manual', 'missing'];
  const ACTION = { automate: 'Automate the integration', catalog: 'Build the catalogued fix', connect: 'Build a new integration' };
  const ROWS = 50;

  const state = {
    strategy: V.strategy,
    budget: Math.floor(Math.max(V.budgets.length - 1, 0) / 2),
    fixesShown: 5,
  };
  let rankOf = [];
  let changesOf = null;
  let searchIndex = null;
  let mapCount = 0;

  // ---- Numbers, written as gapgraph's other formats write them (src/text/numbers.rs).

  function group(digits) {
    const sign = digits.charAt(0) === '-' ? '-' : '';
    const d = sign ? digits.slice(1) : digits;
    let out = '';
    for (let i = 0; i < d.length; i++) {
      if (i > 0 && (d.length - i) % 3 === 0) { out += ','; }
      out += d.charAt(i);
    }
    return sign + out;
  }
  // toFixed, except that an exact tie rounds to even, as Rust's formatting does.
  function fixed(x, digits) {
    const scale = Math.pow(10, digits);
    const scaled = Math.abs(x) * scale;
    if (scaled % 1 === 0.5 && scaled < 9e15) {
      const low = Math.floor(scaled);
      const even = low % 2 === 0 ? low : low + 1;
      return (x < 0 ? '-' : '') + (even / scale).toFixed(digits);
    }
    return x.toFixed(digits);
  }
  function trim(s) {
    if (s.indexOf('.') < 0) { return s; }
    const t = s.replace(/0+$/, '').replace(/\.$/, '');
    return t === '-0' ? '0' : t;
  }
  function money(x) {
    const r = Math.sign(x) * Math.round(Math.abs(x));
    return group(String(r === 0 ? 0 : r));
  }
  function hours(x) {
    const s = fixed(x + 0, 1);
    const dot = s.indexOf('.');
    return group(s.slice(0, dot)) + s.slice(dot);
  }
  function percent(x) { return x === null || x === undefined ? 'n/a' : fixed(x * 100, 1) + '%'; }
  function ratio(x) { return x === null || x === undefined ? '-' : trim(fixed(x, 2)); }
  function minutes(x) { return trim(fixed(x, 2)); }
  function count(n) { return group(String(n)); }
  function cur(x) { return V.currency + ' ' + money(x); }
  function plural(n, one, many) { return count(n) + ' ' + (n === 1 ? one : many); }

  // ---- Elements. Strings become text nodes; attributes are set one by one.

  function add(parent, children) {
    for (const child of children) {
      if (child === null || child === undefined || child === false) { continue; }
      parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return parent;
  }
  function el(tag, attrs, children) {
    const e = document.createElement(tag);
    for (const key in attrs || {}) { e.setAttribute(key, attrs[key]); }
    return add(e, children || []);
  }
  function svg(tag, attrs, children) {
    const e = document.createElementNS(SVGNS, tag);
    for (const key in attrs || {}) { e.setAttribute(key, attrs[key]); }
    return add(e, children || []);
  }
  function go(kind, index) { return '#' + kind + '/' + index; }
  function link(label, kind, index, cls) {
    return el('a', { href: go(kind, index), class: cls || '' }, [label]);
  }
  function code(s) { return el('code', {}, [s]); }
  function cut(s, n) { return s.length > n ? s.slice(0, n - 1) + '\u2026' : s; }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } return node; }

  // ---- What the strategy in force says.

  function strategy() { return V.strategies[state.strategy]; }
  function rerank() {
    rankOf = new Array(V.fixes.length).fill(0);
    strategy().order.forEach(function (f, k) { rankOf[f] = k + 1; });
  }
  function fixLabel(f) { return V.fixes[f].nm; }
  function systemName(s) { return V.systems[s].nm; }
  // The fixes that change each handoff, built once: changesOf[workflow][step] = [fix, ...].
  function fixesChanging(w, k) {
    if (!changesOf) {
      changesOf = V.workflows.map(function (wf) { return wf.hs.map(function () { return []; }); });
      V.fixes.forEach(function (fix, f) {
        for (const c of fix.ch) { if (c[5] > 0) { changesOf[c[0]][c[1]].push(f); } }
      });
    }
    return changesOf[w][k];
  }
  function bestFix(w, k) {
    let best = -1;
    for (const f of fixesChanging(w, k)) {
      if (rankOf[f] > 0 && (best < 0 || rankOf[f] < rankOf[best])) { best = f; }
    }
    return best;
  }

  // ---- Controls: the strategy switch and the search box.

  function controls() {
    const box = document.getElementById('controls');
    const select = el('select', { id: 'strategy', 'aria-label': 'Strategy' });
    V.strategies.forEach(function (s, k) {
      const option = el('option', { value: String(k) }, [s.name]);
      if (k === state.strategy) { option.selected = true; }
      select.appendChild(option);
    });
    select.disabled = V.strategies.length < 2;
    select.addEventListener('change', function () {
      state.strategy = Number(select.value);
      state.fixesShown = 5;
      rerank();
      headline(); side(); view();
    });
    const input = el('input', { id: 'search', type: 'search', placeholder: 'Find a system, workflow or fix', autocomplete: 'off', 'aria-label': 'Search' });
    const results = el('ul', { id: 'results', role: 'listbox', hidden: '' });
    input.addEventListener('input', function () { search(input.value, results); });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') {
        const first = results.querySelector('a');
        if (first) { event.preventDefault(); first.click(); }
      } else if (event.key === 'Escape') {
        input.value = ''; search('', results);
      }
    });
    results.addEventListener('click', function () { input.value = ''; search('', results); });
    add(box, [el('label', { for: 'strategy' }, ['Strategy']), select,
      el('div', { class: 'finder' }, [input, results])]);
  }

  function search(query, results) {
    clear(results);
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) { results.hidden = true; return; }
    if (!searchIndex) {
      searchIndex = [];
      V.systems.forEach(function (s, i) { searchIndex.push(['system', i, (s.nm + ' ' + s.id).toLowerCase()]); });
      V.workflows.forEach(function (w, i) { searchIndex.push(['workflow', i, (w.nm + ' ' + w.id).toLowerCase()]); });
      V.fixes.forEach(function (f, i) { searchIndex.push(['fix', i, (f.nm + ' ' + f.id).toLowerCase()]); });
    }
    const found = [];
    for (const entry of searchIndex) {
      if (words.every(function (w) { return entry[2].indexOf(w) >= 0; })) {
        found.push(entry);
        if (found.length === 12) { break; }
      }
    }
    for (const [kind, i] of found) {
      const item = kind === 'system' ? V.systems[i] : kind === 'workflow' ? V.workflows[i] : V.fixes[i];
      add(results, [el('li', { role: 'option' }, [el('a', { href: go(kind, i) }, [
        el('span', { class: 'kind' }, [kind]), cut(item.nm, 60), ' ', code(cut(item.id, 40))])])]);
    }
    if (!found.length) { add(results, [el('li', { class: 'none' }, ['Nothing matches'])]); }
    results.hidden = false;
  }

  // ---- The headline: what the gaps cost and the best first fix, on the first screen.

  function headline() {
    const s = V.summary;
    const box = clear(document.getElementById('headline'));
    add(box, [
      el('div', { class: 'card loss' }, [
        el('span', { class: 'label' }, ['Gaps cost a year']),
        el('span', { class: 'value', id: 'gap-cost' }, [cur(s.cost)]),
        el('span', { class: 'sub' }, [hours(s.hours) + ' staff hours a year = ' + hours(s.fte) + ' FTE']),
      ]),
      el('div', { class: 'card' }, [
        el('span', { class: 'label' }, ['Automated end to end']),
        el('span', { class: 'value' }, [percent(s.automation)]),
        el('span', { class: 'sub' }, [plural(s.handoffs, 'handoff', 'handoffs') + ': ' +
          count(s.manual) + ' manual, ' + count(s.missing) + ' missing']),
      ]),
      bestCard(),
    ]);
  }

  function bestCard() {
    const order = strategy().order;
    if (!order.length) {
      return el('div', { class: 'card best' }, [el('span', { class: 'label' }, ['Best first fix']),
        el('span', { class: 'value' }, ['None: no fix saves anything'])]);
    }
    const f = order[0];
    const fix = V.fixes[f];
    const pays = fix.pb === null ? 'never pays back' : 'pays back in ' + ratio(fix.pb) + ' months';
    return el('div', { class: 'card best', id: 'best' }, [
      el('span', { class: 'label' }, ['Best first fix under ' + strategy().name]),
      el('a', { class: 'value', href: go('fix', f) }, [fixLabel(f)]),
      el('span', { class: 'sub' }, [pays + ' \u00b7 costs ' + cur(fix.c) + ', saves ' + cur(fix.s) + ' a year \u00b7 ',
        el('code', { class: 'fix-id' }, [fix.id])]),
    ]);
  }

  // ---- The side panel: the ranking under the strategy, and the plan at a budget.

  function side() {
    const box = clear(document.getElementById('side'));
    const order = strategy().order;
    const list = el('ol', { class: 'fixes', id: 'fix-list' });
    order.slice(0, state.fixesShown).forEach(function (f, k) {
      const fix = V.fixes[f];
      add(list, [el('li', { value: String(k + 1) }, [link(fixLabel(f), 'fix', f),
        el('span', { class: 'sub' }, [cur(fix.s) + '/yr \u00b7 ' +
          (fix.pb === null ? 'no payback' : ratio(fix.pb) + ' mo payback')])])]);
    });
    add(box, [el('h2', {}, ['Fixes under this strategy, best first']),
      order.length ? list : el('p', {}, ['No fix would save anything.'])]);
    if (order.length > state.fixesShown) {
      const more = el('button', { type: 'button' }, ['Show ' + Math.min(10, order.length - state.fixesShown) + ' more of ' + count(order.length)]);
      more.addEventListener('click', function () { state.fixesShown += 10; side(); });
      box.appendChild(more);
    }
    box.appendChild(planPanel());
  }

  function planPanel() {
    const panel = el('section', { id: 'plan' }, [el('h2', {}, ['Plan within a budget'])]);
    if (!V.budgets.length) { return add(panel, [el('p', {}, ['No fix costs anything to plan.'])]); }
    const slider = el('input', { type: 'range', id: 'budget', min: '0', max: String(V.budgets.length - 1),
      step: '1', value: String(state.budget), 'aria-label': 'Budget' });
    const out = el('div', { id: 'plan-steps' });
    function show() {
      state.budget = Number(slider.value);
      clear(out);
      const steps = strategy().plans[state.budget];
      const last = steps[steps.length - 1];
      add(out, [el('p', { class: 'budget' }, [el('strong', {}, ['Budget ' + cur(V.budgets[state.budget])])]),
        el('p', { id: 'plan-summary' }, [steps.length ?
          plural(steps.length, 'step', 'steps') + ' spend ' + cur(last.cc) + ' and save ' + cur(last.cs) +
          ' a year; automation ' + percent(V.summary.automation) + ' \u2192 ' + percent(last.a) :
          'Nothing fits this budget.'])]);
      const list = el('ol', { class: 'steps' });
      for (const step of steps) {
        const label = step.f === null ? code(step.id) : link(fixLabel(step.f), 'fix', step.f);
        add(list, [el('li', {}, [label, el('span', { class: 'sub' }, [cur(step.c) + ' \u00b7 automation after ' + percent(step.a)])])]);
      }
      out.appendChild(list);
    }
    slider.addEventListener('input', show);
    show();
    return add(panel, [slider, out]);
  }

  // ---- Maps: SVG from the positions laid out before the page was written.

  function pathOf(points) {
    let d = 'M' + points[0] + ' ' + points[1];
    for (let i = 2; i + 5 < points.length; i += 6) {
      d += ' C' + points.slice(i, i + 6).join(' ');
    }
    return d;
  }

  function markers(prefix) {
    const defs = svg('defs');
    ['s0', 's1', 's2'].forEach(function (name) {
      add(defs, [svg('marker', { id: prefix + name, viewBox: '0 0 10 10', refX: '1', refY: '5',
        markerWidth: '9', markerHeight: '9', markerUnits: 'userSpaceOnUse', orient: 'auto' },
      [svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'head ' + name })])]);
    });
    return defs;
  }

  // One map: `nodeParts(item)` gives a node's lines and where it leads, `edgeLabel` draws
  // an edge's label at its centre.
  function drawMap(g, nodeParts, edgeLabel, caption, workflowIndex) {
    const graph = workflowIndex === undefined ? V.graphs[g] : workflowGraph(workflowIndex);
    const lay = MAPS[g];
    const prefix = 'm' + (mapCount++) + '-';
    const root = svg('svg', { viewBox: '0 0 ' + lay.w + ' ' + lay.h, width: String(lay.w),
      height: String(lay.h), class: 'map ' + graph.kind, role: 'img', 'aria-label': caption });
    // Shrunk to the page down to 60% (the overview) or 80% (other maps); past that it scrolls.
    root.style.minWidth = Math.round(lay.w * (graph.kind === 'units' ? 0.6 : 0.8)) + 'px';
    root.appendChild(markers(prefix));
    const most = graph.edges.reduce(function (m, e) { return Math.max(m, e.c); }, 0);
    graph.edges.forEach(function (edge, k) {
      const shape = lay.e[k];
      const width = graph.kind === 'units' && most > 0 ? 1.5 + 6.5 * edge.c / most : 1.6;
      add(root, [svg('path', { d: pathOf(shape.p), class: 'edge s' + edge.s,
        'stroke-width': width.toFixed(1), 'marker-end': 'url(#' + prefix + 's' + edge.s + ')' })]);
    });
    graph.edges.forEach(function (edge, k) {
      const label = edgeLabel(edge, lay.e[k].l[0], lay.e[k].l[1]);
      if (label) { root.appendChild(label); }
    });
    const [w, h] = kindSize(graph.kind);
    graph.nodes.forEach(function (item, k) {
      const [x, y] = lay.n[k];
      const parts = nodeParts(item);
      const node = svg('a', { href: parts.href, class: 'node ' + (parts.cls || '') }, [
        svg('title', {}, [parts.title]),
        svg('rect', { x: String(x - w / 2), y: String(y - h / 2), width: String(w), height: String(h), rx: '6' }),
      ]);
      const top = y - (parts.lines.length - 1) * 7.5;
      parts.lines.forEach(function (line, i) {
        add(node, [svg('text', { x: String(x), y: String(top + i * 15 + 4), class: i === 0 ? 'name' : 'more' }, [line])]);
      });
      root.appendChild(node);
    });
    return el('figure', { class: 'map-wrap' }, [root]);
  }

  // A workflow's map as the page was given it: its systems in order of first mention,
  // one edge per handoff (the JSON leaves these out; they follow from the handoffs).
  function workflowGraph(w) {
    const nodes = [];
    const at = new Map();
    function node(s) {
      if (!at.has(s)) { at.set(s, nodes.length); nodes.push(s); }
      return at.get(s);
    }
    const edges = V.workflows[w].hs.map(function (h, k) {
      const a = node(h.a);
      const b = node(h.b);
      return { a: a, b: b, s: h.s, n: 1, g: h.s > 0 ? 1 : 0, c: h.s > 0 ? h.c : 0, k: k };
    });
    return { kind: 'workflow', nodes: nodes, edges: edges };
  }

  function kindSize(kind) { return kind === 'units' ? [210, 64] : [170, 40]; }

  function legend(extra) {
    return el('p', { class: 'legend' }, [
      el('span', { class: 'key s0' }, ['automated']), el('span', { class: 'key s1' }, ['manual']),
      el('span', { class: 'key s2' }, ['missing']), extra || null]);
  }

  function badge(x, y, textValue, cls) {
    const g = svg('g', { class: 'badge ' + cls });
    const width = Math.max(18, textValue.length * 7 + 8);
    add(g, [svg('rect', { x: String(x - width / 2), y: String(y - 9), width: String(width), height: '18', rx: '9' }),
      svg('text', { x: String(x), y: String(y + 4) }, [textValue])]);
    return g;
  }

  function systemNode(s) {
    const sys = V.systems[s];
    return { lines: sys.nm === sys.id ? [cut(sys.nm, 21)] : [cut(sys.nm, 21), cut(sys.id, 26)], title: sys.nm + ' (' + sys.id + ')', href: go('system', s) };
  }

  // ---- The views.

  function route() {
    const m = /^#(unit|workflow|fix|system)\/(\d+)$/.exec(location.hash);
    if (!m) { return { kind: 'estate' }; }
    const index = Number(m[2]);
    const list = { unit: V.units, workflow: V.workflows, fix: V.fixes, system: V.systems }[m[1]];
    return index < list.length ? { kind: m[1], index: index } : { kind: 'estate' };
  }

  function view() {
    const box = clear(document.getElementById('view'));
    const at = route();
    const crumbs = el('nav', { class: 'crumbs', 'aria-label': 'Where you are' }, [el('a', { href: '#' }, ['Estate'])]);
    const body = { estate: estate, unit: unit, workflow: workflow, fix: explain, system: system }[at.kind](at.index, crumbs);
    add(box, [crumbs, body]);
    box.setAttribute('data-view', at.kind);
  }

  function crumb(crumbs, label, kind, index) {
    add(crumbs, [' \u203a ', kind ? link(label, kind, index) : el('span', {}, [label])]);
  }

  function figures(items) {
    return el('p', { class: 'figures' }, items.map(function (pair) {
      return el('span', {}, [el('strong', {}, [pair[0]]), ' ' + pair[1]]);
    }));
  }

  function estate() {
    const units = V.units.map(function (u, k) { return k; })
      .sort(function (a, b) { return V.units[b].tally.c - V.units[a].tally.c || a - b; });
    const table = rowsTable(['Business unit', '#Systems', '#Workflows', '#Gaps', '#Cost/yr (' + V.currency + ')', '#Automated'],
      units, function (u) {
        const unit = V.units[u];
        return [link(unit.name, 'unit', u), count(unit.systems.length), count(unit.workflows.length),
          count(unit.tally.g), money(unit.tally.c), percent(unit.tally.a)];
      }, 'unit-table');
    const map = drawMap(0, function (u) {
      const unit = V.units[u];
      return { lines: [cut(unit.name, 25), plural(unit.systems.length, 'system', 'systems') + ' \u00b7 ' +
        plural(unit.workflows.length, 'workflow', 'workflows'), unit.tally.c ? cur(unit.tally.c) + '/yr in gaps' : 'no gap cost'],
      title: unit.name, href: go('unit', u), cls: 'unit' };
    }, function (edge, x, y) {
      const g = svg('g', { class: 'count s' + edge.s });
      add(g, [svg('rect', { x: String(x - 75), y: String(y - 15), width: '150', height: '30', rx: '4' }),
        svg('text', { x: String(x), y: String(y - 2) }, [plural(edge.g, 'gap', 'gaps') + ' of ' + plural(edge.n, 'handoff', 'handoffs')]),
        svg('text', { x: String(x), y: String(y + 11) }, [edge.g ? cur(edge.c) + '/yr' : 'all automated'])]);
      return g;
    }, 'Business units and the handoffs between them');
    return el('div', {}, [el('h2', {}, ['Business units']),
      el('p', { class: 'hint' }, ['Click a unit for its systems and workflows; an arrow sums the handoffs from one unit to another.']),
      V.graphs[0].nodes.length ? map : null, V.graphs[0].nodes.length ? legend() : null, table, leftOut()]);
  }

  function leftOut() {
    if (!V.left_out.length) { return null; }
    return el('div', { class: 'left-out', id: 'left-out' }, [el('h3', {}, ['What this page leaves out']),
      el('ul', {}, V.left_out.map(function (s) { return el('li', {}, [s]); }))]);
  }

  // A table whose rows come from `items` (the first ROWS, then a button for the rest). A
  // heading starting with '#' heads a column of numbers (the '#' is not shown).
  function rowsTable(heads, items, cells, id, foot) {
    const numeric = heads.map(function (h) { return h.charAt(0) === '#'; });
    const body = el('tbody');
    const table = el('table', { id: id }, [el('thead', {}, [el('tr', {}, heads.map(function (h, k) {
      return el('th', { class: numeric[k] ? 'num' : '' }, [numeric[k] ? h.slice(1) : h]);
    }))]), body, foot ? el('tfoot', {}, [foot]) : null]);
    function fill(n) {
      clear(body);
      for (const item of items.slice(0, n)) {
        body.appendChild(el('tr', {}, cells(item).map(function (c, k) {
          return el('td', { class: numeric[k] ? 'num' : '' }, [c]);
        })));
      }
    }
    fill(ROWS);
    const wrap = el('div', { class: 'table-wrap' }, [table]);
    if (items.length > ROWS) {
      const more = el('button', { type: 'button' }, ['Show all ' + count(items.length)]);
      more.addEventListener('click', function () { fill(items.length); more.remove(); });
      wrap.appendChild(more);
    }
    return wrap;
  }

  function unit(u, crumbs) {
    const unit = V.units[u];
    crumb(crumbs, unit.name);
    const t = unit.tally;
    const parts = [el('h2', {}, [unit.name, unit.owner ? el('span', { class: 'owner' }, [' \u00b7 ' + unit.owner]) : null]),
      figures([[cur(t.c), 'gap cost a year'], [hours(t.h), 'hours'], [percent(t.a), 'of handoffs automated'],
        [count(unit.workflows.length), 'workflows'], [count(unit.systems.length), 'systems']])];
    if (unit.map !== null) {
      parts.push(drawMap(unit.map, systemNode, function (edge, x, y) {
        return badge(x, y, String(edge.n), 's' + edge.s);
      }, 'The systems of ' + unit.name), legend(' a badge counts the handoffs on an arrow'));
    }
    if (unit.map_note) { parts.push(el('p', { class: 'note' }, [unit.map_note])); }
    parts.push(el('h3', {}, ['Workflows, costliest first']),
      rowsTable(['Workflow', '#Handoffs', '#Gaps', '#Cost/yr (' + V.currency + ')', '#Automated'], unit.workflows, function (w) {
        const wf = V.workflows[w];
        return [link(wf.nm, 'workflow', w), count(wf.tally.n), count(wf.tally.g), money(wf.tally.c), percent(wf.tally.a)];
      }, 'unit-workflows'));
    const systems = unit.systems.slice().sort(function (a, b) { return V.systems[b].h - V.systems[a].h || a - b; });
    parts.push(el('h3', {}, ['Systems, most gap hours first']),
      rowsTable(['System', 'Kind', '#Gap hours/yr', '#Workflows'], systems, function (s) {
        const sys = V.systems[s];
        return [link(sys.nm, 'system', s), sys.kind, hours(sys.h), count(sys.w.length)];
      }, 'unit-systems'));
    return el('div', {}, parts);
  }

  function workflow(w, crumbs) {
    const wf = V.workflows[w];
    if (wf.unit !== null) { crumb(crumbs, V.units[wf.unit].name, 'unit', wf.unit); }
    crumb(crumbs, wf.nm);
    const parts = [el('h2', {}, [wf.nm, ' ', code(wf.id)]),
      figures([[cur(wf.tally.c), 'gap cost a year'], [count(wf.runs), 'runs a year'],
        [percent(wf.tally.a), 'of handoffs automated'], [ratio(wf.align[state.strategy]), 'alignment with ' + strategy().name]])];
    if (wf.map !== null) {
      parts.push(drawMap(wf.map, systemNode, function (edge, x, y) {
        const g = svg('g', {});
        g.appendChild(badge(x - 30, y, String(edge.k + 1), 's' + edge.s));
        const f = edge.s > 0 ? bestFix(w, edge.k) : -1;
        if (f >= 0) {
          add(g, [svg('a', { href: go('fix', f), class: 'fix-mark' }, [svg('title', {}, [fixLabel(f)]),
            svg('text', { x: String(x - 18), y: String(y + 4) }, ['fix #' + rankOf[f]])])]);
        }
        return g;
      }, 'The handoffs of ' + wf.nm, w), legend(' numbers are steps; fix #n is the best fix of a gap under the strategy'));
    }
    parts.push(rowsTable(['#Step', 'Handoff', 'Status', '#Min/run', '#Hours/yr', '#Cost/yr (' + V.currency + ')', 'Best fix under the strategy'],
      wf.hs.map(function (h, k) { return k; }), function (k) {
        const h = wf.hs[k];
        const f = h.s > 0 ? bestFix(w, k) : -1;
        const via = h.v ? el('span', { class: 'sub' }, ['via ' + h.v.map(systemName).join(', ')]) : null;
        return [count(k + 1), el('span', {}, [link(systemName(h.a), 'system', h.a), ' \u2192 ', link(systemName(h.b), 'system', h.b),
          el('span', { class: 'sub' }, [h.d]), via]), el('span', { class: 'status s' + h.s }, [STATUS[h.s]]),
        minutes(h.m), hours(h.h), money(h.c), f >= 0 ? el('span', {}, ['#' + rankOf[f] + ' ', link(fixLabel(f), 'fix', f)]) : ''];
      }, 'handoff-table'));
    return el('div', {}, parts);
  }

  function explain(f, crumbs) {
    const fix = V.fixes[f];
    const S = strategy();
    const rank = rankOf[f];
    crumb(crumbs, 'Fix #' + rank + ' under ' + S.name);
    const value = S.value[f];
    const rows = fix.ch.map(function (c) {
      const wf = V.workflows[c[0]];
      const h = wf.hs[c[1]];
      const align = wf.align[state.strategy];
      return [link(wf.nm, 'workflow', c[0]), count(c[1] + 1),
        el('span', {}, [systemName(h.a) + ' \u2192 ' + systemName(h.b), el('span', { class: 'sub' }, [h.d])]),
        count(h.r), minutes(c[2]) + ' \u2192 ' + minutes(c[3]), hours(c[4]), V.currency + ' ' + ratio(h.p),
        money(c[5]), ratio(align), money(c[5] * align)];
    });
    const total = el('tr', { class: 'total' }, [el('td', { colspan: '5' }, ['Total: the fix\u2019s own figures']),
      el('td', { class: 'num' }, [hours(fix.h)]), el('td', {}, []), el('td', { class: 'num' }, [money(fix.s)]),
      el('td', {}, []), el('td', { class: 'num' }, [money(value)])]);
    const table = rowsTable(['Workflow', '#Step', 'Handoff', '#Runs/yr', '#Minutes', '#Hours saved/yr',
      '#Rate/h', '#Saving/yr', '#Alignment', '#Value/yr'], rows, function (r) { return r; }, 'explain-table', total);
    const pays = fix.pb === null ? 'no saving, no payback' : 'payback = cost / (saving / 12) = ' + money(fix.c) + ' / (' +
      money(fix.s) + ' / 12) = ' + ratio(fix.pb) + ' months';
    return el('div', {}, [el('h2', {}, [fix.nm, ' ', code(fix.id)]),
      el('p', {}, [ACTION[fix.act] + ' from ' + systemName(fix.a) + ' to ' + systemName(fix.b) + '. Ranked #' + rank +
        ' of ' + count(S.order.length) + ' under ' + S.name + '.']),
      figures([[cur(fix.c), 'to build'], [cur(fix.s), 'saved a year'], [hours(fix.h), 'hours a year'],
        [cur(fix.npv), 'net present value'], [cur(fix.rc), 'to run a year']]),
      el('h3', {}, ['Handoff by handoff']),
      el('p', { class: 'hint' }, ['hours = runs \u00d7 (minutes before \u2212 after) / 60; saving = today\u2019s cost \u2212 the cost at the minutes after; value = saving \u00d7 the workflow\u2019s alignment with the strategy.']),
      table,
      el('ul', { class: 'arithmetic' }, [el('li', {}, ['priority = value / cost = ' + money(value) + ' / ' + money(fix.c) + ' = ' + ratio(S.priority[f])]),
        el('li', {}, [pays]), neighbour(f, rank - 1, 'above'), neighbour(f, rank + 1, 'below')]),
      el('p', { class: 'hint' }, ['Every term, with the paths before and after: ', code('gapgraph explain ' + V.file + ' ' + fix.id +
        (S.id ? ' --strategy ' + S.id : ''))])]);
  }

  // Why `f` ranks where it does against the fix ranked `rank` (1-based).
  function neighbour(f, rank, side) {
    const S = strategy();
    const other = S.order[rank - 1];
    if (other === undefined) { return null; }
    const a = side === 'above' ? other : f;
    const b = side === 'above' ? f : other;
    const free = function (x) { return V.fixes[x].c === 0 && S.value[x] > 0; };
    const pri = function (x) { return S.priority[x] === null ? 0 : S.priority[x]; };
    let why;
    if (free(a) !== free(b)) { why = 'it costs nothing and saves'; }
    else if (!free(a) && pri(a) !== pri(b)) { why = 'priority ' + ratio(pri(a)) + ' against ' + ratio(pri(b)); }
    else if (S.value[a] !== S.value[b]) { why = 'value ' + money(S.value[a]) + ' against ' + money(S.value[b]); }
    else if (V.fixes[a].s !== V.fixes[b].s) { why = 'saving ' + money(V.fixes[a].s) + ' against ' + money(V.fixes[b].s); }
    else { why = 'tie, broken by id'; }
    return el('li', {}, ['Ranked ' + (side === 'above' ? 'below' : 'above') + ' #' + rank + ' ', link(fixLabel(other), 'fix', other), ': ' + why + '.']);
  }

  function system(s, crumbs) {
    const sys = V.systems[s];
    if (sys.unit !== null) { crumb(crumbs, V.units[sys.unit].name, 'unit', sys.unit); }
    crumb(crumbs, sys.nm);
    const fixes = strategy().order.filter(function (f) { return V.fixes[f].a === s || V.fixes[f].b === s; });
    return el('div', {}, [el('h2', {}, [sys.nm, ' ', code(sys.id)]),
      figures([[sys.kind, 'system'], [sys.unit === null ? 'no unit' : V.units[sys.unit].name, ''],
        [hours(sys.h), 'gap hours a year'], [sys.owner || 'no owner', 'owns it']]),
      el('h3', {}, ['Workflows through it']),
      rowsTable(['Workflow', '#Handoffs', '#Gaps', '#Cost/yr (' + V.currency + ')'], sys.w, function (w) {
        const wf = V.workflows[w];
        return [link(wf.nm, 'workflow', w), count(wf.tally.n), count(wf.tally.g), money(wf.tally.c)];
      }, 'system-workflows'),
      el('h3', {}, ['Fixes from or to it, best first']),
      rowsTable(['Fix', '#Rank', '#Cost', '#Saving/yr'], fixes, function (f) {
        return [link(fixLabel(f), 'fix', f), '#' + rankOf[f], money(V.fixes[f].c), money(V.fixes[f].s)];
      }, 'system-fixes')]);
  }

  function footer() {
    const engine = { graphviz: 'Graphviz', builtin: 'gapgraph\u2019s own layered layout', mixed: 'Graphviz, some by gapgraph\u2019s own layout' }[DATA.layout.engine];
    add(document.getElementById('footer'), [el('p', {}, ['Model ', code(V.file), ' (SHA-256 ', code(V.sha256.slice(0, 16) + '\u2026'),
      '), gapgraph ' + V.version + '. Maps laid out by ' + engine + '. Every figure is the analysis\u2019s own; nothing on this page was fetched from a network.'])]);
  }

  rerank();
  controls();
  headline();
  side();
  view();
  footer();
  window.addEventListener('hashchange', function () { view(); window.scrollTo(0, document.getElementById('main').offsetTop - 8); });
  // When the page became usable, in milliseconds since navigation began (benchmarks read it).
  document.body.setAttribute('data-ready-ms', String(Math.round(performance.now())));
  document.body.setAttribute('data-ready', 'true');
})();

// @ts-nocheck — browser code over the UMD globals React, ReactDOM and GraphiQL (graphiql 3), served as is.
/**
 * The Ride BFF playground: GraphiQL with one tab per operation of the app, an identity picker,
 * the schema's version and published changes, the demo fleet's fault switches, and the answer's
 * `extensions.degraded` shown under the result. Reads its model from the page
 * (src/server/playground/PlaygroundModel.ts); talks only to the gateway that served it.
 */
(function playground() {
  'use strict';
  const model = JSON.parse(document.getElementById('playground-model').textContent);
  const h = React.createElement;
  const { useEditorContext } = GraphiQL.React;

  /** The headers editor's text for a token (none: an empty object). */
  const headersFor = (token) => (token ? JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2) : '{}');
  const identityHeaders = model.identities.map((identity) => headersFor(identity.token));

  // The last answer shown, for the degraded panel under the result.
  const lastAnswer = { value: undefined, listeners: new Set() };
  const showAnswer = (value) => {
    lastAnswer.value = value;
    for (const listener of lastAnswer.listeners) listener(value);
  };
  function useLastAnswer() {
    const [value, setValue] = React.useState(lastAnswer.value);
    React.useEffect(() => {
      lastAnswer.listeners.add(setValue);
      return () => lastAnswer.listeners.delete(setValue);
    }, []);
    return value;
  }

  const refusedText = {
    errors: [
      {
        message: `The ${model.client} app runs only its own documents (trusted documents are required here): open one of its tabs and run it unchanged.`,
        extensions: { code: 'PERSISTED_QUERY_REQUIRED' },
      },
    ],
  };

  /**
   * A subscription runs over WebSocket on the same path (graphql-transport-ws, GraphiQL's bundled
   * graphql-ws client), the headers editor's token in `connection_init`; by document id where
   * trusted documents are required (`query: ""`, the id in `extensions`). Each event is also shown
   * in the degraded panel.
   */
  async function subscriptionFetcher(params, options, tab) {
    const headers = options.headers || {};
    const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${model.endpoint}`;
    const payload = model.documentsOnly ? { query: '', operationName: params.operationName, variables: params.variables, extensions: { documentId: tab.documentId } } : params;
    const events = await GraphiQL.createFetcher({ url: model.endpoint, subscriptionUrl: url, wsConnectionParams: headers })(payload, options);
    return (async function* shown() {
      for await (const event of events) {
        showAnswer(event);
        yield event;
      }
    })();
  }

  /** POSTs to the client's endpoint: the text, or (trusted documents required) the tab's document id. */
  async function fetcher(given, options) {
    const headers = (options && options.headers) || {};
    // Right after a tab switch GraphiQL's operation name and parsed document can still be the last
    // tab's: read the text being sent, and a one-operation document runs that operation.
    let document;
    try {
      document = GraphiQL.GraphQL.parse(String(given.query));
    } catch {
      document = undefined;
    }
    const operations = document ? document.definitions.filter((definition) => definition.kind === 'OperationDefinition') : [];
    const params = operations.length === 1 && operations[0].name ? { ...given, operationName: operations[0].name.value } : given;
    const introspection = params.operationName === 'IntrospectionQuery';
    const tab = model.tabs.find((candidate) => candidate.query.trim() === String(params.query).trim());
    const subscription = operations.some((definition) => definition.operation === 'subscription' && (!params.operationName || (definition.name && definition.name.value === params.operationName)));
    if (subscription && (tab || !model.documentsOnly)) return subscriptionFetcher(params, { ...options, headers, documentAST: document }, tab);
    let body;
    if (!model.documentsOnly) body = params;
    else if (tab) body = { documentId: tab.documentId, operationName: params.operationName, variables: params.variables };
    else if (introspection) return (await fetch(model.schemaUrl, { credentials: 'same-origin' })).json();
    else {
      showAnswer(refusedText);
      return refusedText;
    }
    const response = await fetch(model.endpoint, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({ errors: [{ message: `HTTP ${response.status}: not JSON` }] }));
    if (!introspection) showAnswer(answer);
    return answer;
  }

  /** The identity picker: sets the open tab's headers editor to the chosen demo user's token (unless you typed your own). */
  function IdentityPicker() {
    const editors = useEditorContext({ nonNull: true });
    const [chosen, choose] = React.useState(0);
    const editor = editors.headerEditor;
    React.useEffect(() => {
      if (!editor) return;
      const current = editor.getValue().trim();
      const wanted = identityHeaders[chosen];
      if (current !== wanted && (current === '' || current === '{}' || identityHeaders.includes(current))) editor.setValue(wanted);
    }, [chosen, editor, editors.activeTabIndex]);
    if (model.identities.length === 0) return null;
    return h(
      'label',
      { className: 'rb-identity' },
      'Run as ',
      h(
        'select',
        { 'aria-label': 'Identity', value: String(chosen), onChange: (event) => choose(Number(event.target.value)) },
        model.identities.map((identity, index) => h('option', { key: index, value: String(index) }, identity.label)),
      ),
    );
  }

  function Header() {
    return h(
      'div',
      { className: 'rb-header' },
      h('span', { className: 'rb-client' }, model.client),
      h('span', { className: 'rb-version', title: `schema hash ${model.schema.hash}` }, `schema ${model.schema.version} · ${model.schema.hash.slice(0, 8)}`),
      h(IdentityPicker),
    );
  }

  const criticalityLabel = { BREAKING: 'breaking', DANGEROUS: 'dangerous', NON_BREAKING: 'safe' };

  function ChangesPanel() {
    return h(
      'div',
      { className: 'rb-panel', 'data-panel': 'changes' },
      h('div', { className: 'graphiql-doc-explorer-title' }, 'Schema changes'),
      h('p', null, `${model.client} serves `, h('code', null, model.schema.version), ` (${model.schema.hash}).`),
      h('button', { type: 'button', className: 'graphiql-button', onClick: () => location.reload() }, 'Reload with the latest schema'),
      model.changes.length === 0
        ? h('p', { className: 'rb-muted' }, 'No published change has touched this app yet: its schema is as the repository ships it.')
        : h(
            'ol',
            { className: 'rb-changes' },
            model.changes.map((change) =>
              h(
                'li',
                { key: `${change.subgraph}@${change.version}` },
                h('strong', null, `${change.subgraph}@${change.version}`),
                change.rollbackOf ? ` (rollback to ${change.rollbackOf})` : '',
                h('div', { className: 'rb-muted' }, `${new Date(change.publishedAt).toLocaleString()} by ${change.publishedBy}`),
                change.lines.length === 0
                  ? h('div', { className: 'rb-muted' }, "No change to this app's schema.")
                  : h(
                      'ul',
                      null,
                      change.lines.map((line, index) =>
                        h('li', { key: index }, h('span', { className: `rb-badge rb-${criticalityLabel[line.criticality]}` }, criticalityLabel[line.criticality]), ' ', line.message),
                      ),
                    ),
              ),
            ),
          ),
    );
  }

  const faultModes = ['ok', 'down', 'error', 'slow', 'flaky'];

  async function controlJson(path, init) {
    const response = await fetch(path, { credentials: 'same-origin', headers: { 'content-type': 'application/json' }, ...init });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error((body.error && body.error.message) || `HTTP ${response.status}`);
    return body;
  }

  function FaultsPanel() {
    const [faults, setFaults] = React.useState(undefined);
    const [problem, setProblem] = React.useState(undefined);
    const [latencyMs, setLatency] = React.useState(1500);
    const [rate, setRate] = React.useState(0.5);
    const load = React.useCallback(() => {
      controlJson('/demo/faults').then(
        (body) => {
          setFaults(body);
          setProblem(undefined);
        },
        (error) => setProblem(error.message),
      );
    }, []);
    React.useEffect(load, [load]);
    const put = (service, mode) =>
      controlJson(`/demo/faults/${encodeURIComponent(service)}`, { method: 'PUT', body: JSON.stringify({ mode, latencyMs: Number(latencyMs), rate: Number(rate) }) }).then(load, (error) => setProblem(error.message));
    const resetAll = () => Promise.all(Object.keys(faults || {}).map((service) => controlJson(`/demo/faults/${encodeURIComponent(service)}`, { method: 'PUT', body: '{"mode":"ok"}' }))).then(load, (error) => setProblem(error.message));
    return h(
      'div',
      { className: 'rb-panel', 'data-panel': 'faults' },
      h('div', { className: 'graphiql-doc-explorer-title' }, 'Fault switches'),
      h('p', { className: 'rb-muted' }, 'Make a demo service fail, run the screen, and watch it degrade.'),
      h(
        'div',
        { className: 'rb-fault-options' },
        h('label', null, 'slow: ', h('input', { type: 'number', min: 0, max: 120000, step: 100, value: latencyMs, 'aria-label': 'Latency (ms) of slow', onChange: (e) => setLatency(e.target.value) }), ' ms'),
        h('label', null, 'flaky: ', h('input', { type: 'number', min: 0, max: 1, step: 0.1, value: rate, 'aria-label': 'Failure rate of flaky', onChange: (e) => setRate(e.target.value) })),
      ),
      h('button', { type: 'button', className: 'graphiql-button', onClick: resetAll, 'data-action': 'reset-all' }, 'Reset all'),
      problem ? h('p', { className: 'rb-problem', role: 'alert' }, problem) : null,
      !faults
        ? h('p', { className: 'rb-muted' }, 'Loading the fleet…')
        : h(
            'table',
            { className: 'rb-faults' },
            h('tbody', null,
              Object.entries(faults).map(([service, view]) =>
                h(
                  'tr',
                  { key: service, 'data-service': service },
                  h('th', { scope: 'row' }, service, h('div', { className: 'rb-muted' }, Object.entries(view.instances).map(([id, fault]) => `${id}: ${describeFault(fault)}`).join(', '))),
                  h(
                    'td',
                    null,
                    h(
                      'select',
                      { 'aria-label': `Fault of ${service}`, value: view.mode === 'mixed' ? '' : view.mode, onChange: (event) => put(service, event.target.value) },
                      view.mode === 'mixed' ? h('option', { value: '' }, 'mixed') : null,
                      faultModes.map((mode) => h('option', { key: mode, value: mode }, mode)),
                    ),
                  ),
                ),
              ),
            ),
          ),
    );
  }

  function describeFault(fault) {
    if (fault.mode === 'slow') return `slow ${fault.latencyMs} ms`;
    if (fault.mode === 'flaky') return `flaky ${Math.round(fault.rate * 100)}%`;
    return fault.mode;
  }

  /** What a degraded field holds now: its fallback's kind and the value at its path in the answer. */
  function fallenBackTo(entry, data) {
    const value = entry.path.reduce((node, key) => (node === null || node === undefined ? undefined : node[key]), data);
    if (value === null || value === undefined) return 'null';
    const shown = Array.isArray(value) ? (value.length === 0 ? 'an empty list' : `a list of ${value.length}`) : typeof value === 'object' ? 'an object' : JSON.stringify(value);
    return `${entry.fallback === 'cache' ? 'cached' : entry.fallback}: ${shown}`;
  }

  /** Under the result: which fields fell back, to what, and why (`extensions.degraded`). */
  function DegradedSummary() {
    const answer = useLastAnswer();
    const degraded = answer && answer.extensions && answer.extensions.degraded;
    if (!answer) return null;
    if (!Array.isArray(degraded) || degraded.length === 0) return h('div', { className: 'rb-degraded rb-fresh', 'data-degraded': '0' }, 'Every field fresh: nothing degraded.');
    return h(
      'div',
      { className: 'rb-degraded', 'data-degraded': String(degraded.length), role: 'status' },
      h('strong', null, `${degraded.length} field${degraded.length === 1 ? '' : 's'} degraded`),
      h(
        'ul',
        null,
        degraded.map((entry, index) =>
          h('li', { key: index }, h('code', null, entry.path.join('.')), ` → ${fallenBackTo(entry, answer.data)} (${entry.service}: ${entry.reason})`),
        ),
      ),
    );
  }

  const icon = (path) => () => h('svg', { viewBox: '0 0 24 24', width: 20, height: 20, fill: 'none', stroke: 'currentColor', strokeWidth: 1.8 }, h('path', { d: path }));
  const plugins = [{ title: 'Schema changes', icon: icon('M4 6h16M4 12h10M4 18h7M18 14v6m-3-3h6'), content: ChangesPanel }];
  if (model.faults) plugins.push({ title: 'Fault switches', icon: icon('M13 2 4 14h7l-1 8 9-12h-7z'), content: FaultsPanel });

  const tabs = model.tabs.map((tab) => ({ query: tab.query, variables: tab.variables, headers: identityHeaders[0] || '{}' }));
  // What GraphiQL keeps lives as long as the page: a reload opens the app's operations as they are
  // now, with fresh tokens, rather than last session's tabs (whose tokens were never stored).
  const pageStore = new Map();
  const pageStorage = {
    getItem: (key) => (pageStore.has(key) ? pageStore.get(key) : null),
    setItem: (key, value) => void pageStore.set(key, String(value)),
    removeItem: (key) => void pageStore.delete(key),
    clear: () => pageStore.clear(),
    get length() {
      return pageStore.size;
    },
  };
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    h(
      GraphiQL,
      {
        fetcher,
        defaultTabs: tabs,
        defaultHeaders: identityHeaders[0] || '{}',
        shouldPersistHeaders: false,
        storage: pageStorage,
        plugins,
        defaultEditorToolsVisibility: true,
      },
      h(GraphiQL.Logo, null, h(Header)),
      h(GraphiQL.Footer, null, h(DegradedSummary)),
    ),
  );
})();

import type { ClientName } from '../../config/clientNames.ts';

/** What the playground page starts with. */
export interface PlaygroundOptions {
  readonly client: ClientName;
  /** A demo token put in the headers editor (demo mode only). */
  readonly demoToken: string | undefined;
  /** The operation shown first. */
  readonly defaultQuery: string;
  /** Its variables, as JSON text. */
  readonly defaultVariables: string;
}

/** Escapes a value for a `<script>` block: JSON with `<` escaped so it cannot close the tag. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** The GraphiQL page for one client's endpoint, loading only the gateway's own assets. */
export function playgroundPage(options: PlaygroundOptions): string {
  const headers = options.demoToken ? JSON.stringify({ Authorization: `Bearer ${options.demoToken}` }, null, 2) : '{}';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${options.client} · Ride BFF playground</title>
<link rel="icon" type="image/svg+xml" href="/playground/assets/favicon.svg">
<link rel="stylesheet" href="/playground/assets/graphiql.min.css">
<style>body{margin:0;height:100vh;overflow:hidden}#graphiql{height:100vh}</style>
</head>
<body>
<div id="graphiql">Loading the ${options.client} playground…</div>
<script src="/playground/assets/react.production.min.js"></script>
<script src="/playground/assets/react-dom.production.min.js"></script>
<script src="/playground/assets/graphiql.min.js"></script>
<script>
const fetcher = GraphiQL.createFetcher({ url: ${scriptJson(`/${options.client}/graphql`)} });
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultQuery: ${scriptJson(options.defaultQuery)},
    defaultHeaders: ${scriptJson(headers)},
    variables: ${scriptJson(options.defaultVariables)},
    shouldPersistHeaders: false,
  }),
);
</script>
</body>
</html>
`;
}

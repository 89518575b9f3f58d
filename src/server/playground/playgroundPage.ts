import { playgroundAssetUrl } from './playgroundAssets.ts';
import type { PlaygroundModel } from './PlaygroundModel.ts';

/** Escapes a value for a `<script>` block: JSON with `<` escaped so it cannot close the tag. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** Escapes text for HTML. */
function html(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The playground page for one client's endpoint: GraphiQL and the playground's own script, all
 * from the gateway's hashed assets, with the page's model in a JSON block the script reads.
 */
export function playgroundPage(model: PlaygroundModel): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(model.client)} · Ride BFF playground</title>
<link rel="icon" type="image/svg+xml" href="/playground/assets/favicon.svg">
<link rel="stylesheet" href="${playgroundAssetUrl('graphiql-css')}">
<link rel="stylesheet" href="${playgroundAssetUrl('playground-css')}">
</head>
<body>
<div id="graphiql">Loading the ${html(model.client)} playground…</div>
<script id="playground-model" type="application/json">${scriptJson(model)}</script>
<script src="${playgroundAssetUrl('react')}"></script>
<script src="${playgroundAssetUrl('react-dom')}"></script>
<script src="${playgroundAssetUrl('graphiql')}"></script>
<script src="${playgroundAssetUrl('playground')}"></script>
</body>
</html>
`;
}

import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { clientEntry, clientNames } from '../../config/index.ts';
import { documentIdOf } from '../../documents/index.ts';
import { playgroundTabs } from './playgroundTabs.ts';

const clientsDir = fileURLToPath(new URL('../../../clients/', import.meta.url));

describe('playground tabs', () => {
  it.each(clientNames)('%s: one tab per operation under clients/, the one it opens first, each document as the app sends it', (client) => {
    const tabs = playgroundTabs(client);
    const files = readdirSync(`${clientsDir}${client}`).filter((file) => file.endsWith('.graphql')).map((file) => file.replace(/\.graphql$/, ''));
    expect(tabs.map((tab) => tab.name).sort()).toEqual(files.sort());
    expect(tabs[0]?.name).toBe(clientEntry(client).playground.opens);
    for (const tab of tabs) expect(documentIdOf(tab.query)).toBe(tab.documentId);
  });

  it.each(clientNames)('%s: every variable an operation requires has an example, and every example names an operation', (client) => {
    const tabs = playgroundTabs(client);
    for (const tab of tabs) {
      const operation = parse(tab.query).definitions[0] as OperationDefinitionNode;
      const required = (operation.variableDefinitions ?? []).filter((variable) => variable.type.kind === 'NonNullType' && !variable.defaultValue).map((variable) => variable.variable.name.value);
      expect(Object.keys(JSON.parse(tab.variables) as object), `${client}/${tab.name}`).toEqual(expect.arrayContaining(required));
    }
    expect(tabs.map((tab) => tab.name)).toEqual(expect.arrayContaining(Object.keys(clientEntry(client).playground.variables)));
  });
});

import { isTypeDefinitionNode, isTypeExtensionNode, Kind, print, type ConstDirectiveNode, type DocumentNode } from 'graphql';
import { authzDirectiveNames } from '../../authz/index.ts';
import { parseSubgraphUrl } from '../../federation/index.ts';
import type { Principal, PublishedLocation } from '../types.ts';
import { liveSubgraph, type LiveGraph, type ProposedChange } from './LiveGraph.ts';
import { parseProposedSdl } from './parseProposedSdl.ts';

const authzNames: ReadonlySet<string> = new Set(Object.values(authzDirectiveNames));

/**
 * The team rules: why `principal` may not make `change` (empty: it may). The admin may do
 * anything; a team token
 *
 * - touches only its own subgraphs (`principal.subgraphs`);
 * - may not `@override(from: "<x>")` a field of a subgraph `x` it does not own;
 * - may not change field authorization (`@authenticated`, `@requiresScopes`, `@owner`, `@public`:
 *   add, remove or alter) where another team owns it: on a field another subgraph it does not own
 *   also defines (not as `@external`: a shared value type's field, an entity's key field), or on
 *   the type itself (a type-level directive) when another subgraph it does not own defines the
 *   type. A field only its subgraph defines is its own, even on another team's entity
 *   (`Rider.vouchers` is the promotions team's);
 * - names a location within its allow-list: a URL's host (`host`, any port; or `host:port`) in
 *   `principal.hosts`, a registry service in `principal.services`. `location` is the publish's
 *   (absent: `change.url`, when it has one).
 *
 * An SDL that does not parse breaks no team rule here: the check rejects it.
 */
export function checkPrincipal(live: LiveGraph, change: ProposedChange, principal: Principal, location?: PublishedLocation): string[] {
  if (principal.kind === 'admin') return [];
  const owned = principal.subgraphs;
  const team = `team ${principal.team}`;
  const errors: string[] = [];
  if (!owned.has(change.subgraph)) {
    errors.push(`${team} may only change its own subgraphs (${[...owned].sort().join(', ') || 'none'}), not ${change.subgraph}`);
  }
  const parsed = parseProposedSdl(change.subgraph, change.sdl);
  if (parsed.ok) {
    for (const { coordinate, from } of overrides(parsed.document)) {
      if (!owned.has(from)) errors.push(`${team} may not take over ${coordinate} with @override(from: "${from}"): it does not own ${from}`);
    }
    const others = live.subgraphs.filter((subgraph) => subgraph.name !== change.subgraph && !owned.has(subgraph.name));
    const othersDeclarations = others.flatMap((subgraph) => {
      const document = parseLive(subgraph.sdl);
      return document ? [{ name: subgraph.name, declarations: authzDeclarations(document) }] : [];
    });
    const previousSdl = liveSubgraph(live, change.subgraph)?.sdl;
    const before = authzDeclarations((previousSdl && parseLive(previousSdl)) || emptyDocument);
    const after = authzDeclarations(parsed.document);
    for (const coordinate of new Set([...before.keys(), ...after.keys()])) {
      const was = before.get(coordinate);
      const is = after.get(coordinate);
      if ((was?.rules ?? '') === (is?.rules ?? '')) continue;
      const owners = othersDeclarations.filter(({ declarations }) => declarations.get(coordinate)?.owns).map(({ name }) => name);
      if (owners.length === 0) continue;
      const what = coordinate.includes('.') ? `field ${coordinate}, which ${owners.join(', ')} also define${owners.length === 1 ? 's' : ''}` : `type ${coordinate}, which ${owners.join(', ')} define${owners.length === 1 ? 's' : ''}`;
      errors.push(`${team} may not change the authorization rules (${was?.rules || 'none'} → ${is?.rules || 'none'}) of ${what}`);
    }
  }
  const where = location ?? (change.url === undefined ? undefined : locationOf(change.url));
  if (typeof where === 'string') errors.push(`${team}: ${where}`);
  else if (where && 'url' in where) {
    const url = URL.canParse(where.url) ? new URL(where.url) : undefined;
    if (!url) errors.push(`${team}: location ${where.url} is not a URL`);
    else if (!principal.hosts.has(url.host) && !principal.hosts.has(url.hostname)) {
      errors.push(`${team} may not point a subgraph at ${url.host}: not one of its hosts (${[...principal.hosts].sort().join(', ') || 'none'})`);
    }
  } else if (where && !principal.services.has(where.service)) {
    errors.push(`${team} may not point a subgraph at registry service ${where.service}: not one of its services (${[...principal.services].sort().join(', ') || 'none'})`);
  }
  return errors;
}

const emptyDocument: DocumentNode = { kind: Kind.DOCUMENT, definitions: [] };

function parseLive(sdl: string): DocumentNode | undefined {
  const parsed = parseProposedSdl('live', sdl);
  return parsed.ok ? parsed.document : undefined;
}

function locationOf(url: string): PublishedLocation | string {
  try {
    return parseSubgraphUrl(url);
  } catch (error) {
    return (error as Error).message;
  }
}

/** Every `@override(from:)` in a subgraph SDL (also as `@federation__override`, or renamed by `@link(import:)`), with the field it is on. */
function overrides(document: DocumentNode): { coordinate: string; from: string }[] {
  const names = new Set(['override', 'federation__override', ...renamesOf(document, '@override')]);
  const found: { coordinate: string; from: string }[] = [];
  for (const definition of document.definitions) {
    if (!('fields' in definition) || definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION || definition.kind === Kind.INPUT_OBJECT_TYPE_EXTENSION) continue;
    for (const field of definition.fields ?? []) {
      for (const directive of field.directives ?? []) {
        if (!names.has(directive.name.value)) continue;
        const from = directive.arguments?.find((argument) => argument.name.value === 'from')?.value;
        if (from?.kind === Kind.STRING) found.push({ coordinate: `${definition.name.value}.${field.name.value}`, from: from.value });
      }
    }
  }
  return found;
}

/** The names `@link(import: [{ name: "<directive>", as: "@<alias>" }])` gives `directive`. */
function renamesOf(document: DocumentNode, directive: string): string[] {
  const aliases: string[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const link of definition.directives ?? []) {
      const imports = link.arguments?.find((argument) => argument.name.value === 'import')?.value;
      if (link.name.value !== 'link' || imports?.kind !== Kind.LIST) continue;
      for (const entry of imports.values) {
        if (entry.kind !== Kind.OBJECT) continue;
        const value = (key: string) => {
          const field = entry.fields.find((candidate) => candidate.name.value === key)?.value;
          return field?.kind === Kind.STRING ? field.value : undefined;
        };
        const alias = value('as');
        if (value('name') === directive && alias) aliases.push(alias.replace(/^@/, ''));
      }
    }
  }
  return aliases;
}

/** A type's or field's authorization directives as written (sorted), and whether this subgraph owns it (defines it, not as `@external`). */
interface AuthzDeclaration {
  readonly rules: string;
  readonly owns: boolean;
}

/** Per type (`Type`) and field (`Type.field`) of an SDL, its {@link AuthzDeclaration}. */
function authzDeclarations(document: DocumentNode): Map<string, AuthzDeclaration> {
  const declarations = new Map<string, AuthzDeclaration>();
  const declare = (coordinate: string, directives: readonly ConstDirectiveNode[] | undefined, owns: boolean) => {
    const rules = (directives ?? []).filter((directive) => authzNames.has(directive.name.value)).map((directive) => print(directive)).sort();
    const previous = declarations.get(coordinate);
    declarations.set(coordinate, {
      rules: [...(previous?.rules ? [previous.rules] : []), ...rules].join(' '),
      owns: (previous?.owns ?? false) || owns,
    });
  };
  for (const definition of document.definitions) {
    if (!isTypeDefinitionNode(definition) && !isTypeExtensionNode(definition)) continue;
    const typeName = definition.name.value;
    declare(typeName, definition.directives, true);
    if (!('fields' in definition)) continue;
    for (const field of definition.fields ?? []) {
      const external = field.directives?.some((directive) => directive.name.value === 'external' || directive.name.value === 'federation__external') ?? false;
      declare(`${typeName}.${field.name.value}`, field.directives, !external);
    }
  }
  return declarations;
}

import { Kind, parse, print, visit, type ConstDirectiveNode, type DocumentNode } from 'graphql';
import type { ClientName } from '../config/clientNames.ts';

const clientTagPrefix = 'client_';

const inaccessible: ConstDirectiveNode = {
  kind: Kind.DIRECTIVE,
  name: { kind: Kind.NAME, value: 'inaccessible' },
  arguments: [],
};

/** The `client_*` tag names on a schema element. */
function clientTags(directives: readonly ConstDirectiveNode[] | undefined): string[] {
  const tags: string[] = [];
  for (const directive of directives ?? []) {
    if (directive.name.value !== 'tag') continue;
    const nameArg = directive.arguments?.find((arg) => arg.name.value === 'name');
    if (nameArg?.value.kind === Kind.STRING && nameArg.value.value.startsWith(clientTagPrefix)) {
      tags.push(nameArg.value.value);
    }
  }
  return tags;
}

/**
 * Marks `@inaccessible` every type, field, argument and enum value tagged
 * `@tag(name: "client_<x>")` for other clients only, so the composed supergraph's API schema (and
 * so introspection and validation) of `client` does not have it. Untagged elements are for every
 * client. Hiding instead of deleting keeps `@key` fields and references valid.
 */
export function hideFromOtherClients(sdl: string, client: ClientName): string {
  return print(hideFromOtherClientsInDocument(parse(sdl), client));
}

/**
 * {@link hideFromOtherClients} on a parsed document. Nodes keep their `loc`, so composition errors
 * point at lines and columns of the SDL as written.
 */
export function hideFromOtherClientsInDocument(document: DocumentNode, client: ClientName): DocumentNode {
  const ownTag = `${clientTagPrefix}${client}`;
  return visit(document, {
    enter(node) {
      if (!('directives' in node) || node.kind === Kind.DIRECTIVE_DEFINITION) return undefined;
      const tags = clientTags(node.directives as readonly ConstDirectiveNode[] | undefined);
      if (tags.length === 0 || tags.includes(ownTag)) return undefined;
      return { ...node, directives: [...(node.directives ?? []), inaccessible] };
    },
  });
}

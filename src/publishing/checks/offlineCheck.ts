import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { clientNames, subgraphCatalog, type ClientName, type SubgraphEntry } from '../../config/index.ts';
import { bffSubgraphName } from '../../federation/index.ts';
import type { BrokenOperation, CheckReport, CompositionProblem } from '../types.ts';
import { checkChange } from './checkChange.ts';
import { checkClientSafety } from './checkClientSafety.ts';
import { loadClientOperations, repositoryRoot, type ClientOperationFile } from './ClientOperations.ts';
import { composeInThread, type Composer } from './Composer.ts';
import { compositionProblems } from './compositionProblems.ts';
import { apiSchemaOf } from './diffSchemas.ts';
import { listAtCommit, readAtCommit, resolveGitBase, type GitBase } from './gitBase.ts';
import { clientSubgraphs, type LiveGraph } from './LiveGraph.ts';
import { bffSdlPath, catalogSdlPath, liveGraphFromCatalog } from './liveGraphFromCatalog.ts';

/** The folders under `schemas/` whose `.graphql` files are subgraph SDL. */
const sdlFolders = ['subgraphs', 'remote', 'bff'] as const;

/** Options of {@link offlineCheck}. */
export interface OfflineCheckOptions {
  /** The repository's root (with a trailing slash). Default: this repository. */
  readonly root?: string;
  /** Compare with the merge base of HEAD and this ref. Default: see {@link resolveGitBase}. */
  readonly base?: string;
  /** A breaking change no operation uses is an error, not a warning. */
  readonly strict?: boolean;
  /** Default: `schemas/subgraphs.json` as loaded at start. */
  readonly catalog?: readonly SubgraphEntry[];
  /** Default: on this thread. */
  readonly compose?: Composer;
}

/** What the offline check found. */
export interface OfflineCheckResult {
  readonly ok: boolean;
  /** The commit compared with, or why there is none (then only composition and operations are checked). */
  readonly base: GitBase;
  /** One per subgraph whose SDL file differs from the base (or is new), as `checkChange` reports it. */
  readonly reports: readonly { readonly file: string; readonly report: CheckReport }[];
  /** The clients no report covers, checked as they are: composition, and every operation validated. */
  readonly graph: { readonly composition: readonly CompositionProblem[]; readonly brokenOperations: readonly BrokenOperation[] };
  /** SDL files in no supergraph, files removed since the base. */
  readonly notes: readonly string[];
}

/**
 * The repository's own schema check (`npm run subgraph -- check --offline`, run by CI): every
 * SDL file of `schemas/{subgraphs,remote,bff}/` that differs from its version at the base commit
 * (uncommitted edits included) is checked as a publish of that subgraph would be, against the
 * graph of the working tree with that one file at its base version; so the proposed graph is
 * always the working tree's, and each file's report has its own diff. Every client no change
 * touches is composed and its operations validated too, so an edited operation is checked even
 * when no SDL changed. Without git history, only that last part runs (`base.kind === 'none'`).
 */
export async function offlineCheck(options: OfflineCheckOptions = {}): Promise<OfflineCheckResult> {
  const root = options.root ?? repositoryRoot;
  const catalog = options.catalog ?? subgraphCatalog;
  const compose = memoized(options.compose ?? composeInThread);
  const readHead = (path: string) => readFileSync(`${root}schemas/${path}`, 'utf8');
  const head = liveGraphFromCatalog(new Map(), { catalog, readSchemaFile: readHead });
  const operations = loadClientOperations(root);
  const files = sdlFilesOf(catalog);
  const notes = unusedSdlFiles(root, files);
  const base = resolveGitBase(root, options.base);

  const reports: { file: string; report: CheckReport }[] = [];
  if (base.kind === 'commit') {
    for (const subgraph of head.subgraphs) {
      const file = `schemas/${files.get(subgraph.name) ?? ''}`;
      const before = readAtCommit(root, base.sha, file);
      if (before === subgraph.sdl) continue;
      const live: LiveGraph = {
        subgraphs: before === undefined ? head.subgraphs.filter((other) => other !== subgraph) : head.subgraphs.map((other) => (other === subgraph ? { ...other, sdl: before } : other)),
      };
      const change = { subgraph: subgraph.name, sdl: subgraph.sdl, clients: subgraph.clients, ...(subgraph.url === undefined ? {} : { url: subgraph.url }), strict: options.strict ?? false };
      const { report } = await checkChange(live, change, { operations, compose });
      reports.push({ file, report });
    }
    const known = new Set([...files.values()].map((path) => `schemas/${path}`));
    for (const folder of sdlFolders) {
      for (const file of listAtCommit(root, base.sha, `schemas/${folder}`)) {
        if (file.endsWith('.graphql') && !known.has(file) && !existsSync(`${root}${file}`)) notes.push(`${file} was removed since ${base.ref}`);
      }
    }
  }
  const covered = new Set(reports.flatMap(({ report }) => Object.keys(report.clientChanges).concat(report.composition.map((problem) => problem.client))));
  const graph = await checkGraph(head, clientNames.filter((client) => !covered.has(client)), operations, compose);
  const ok = reports.every(({ report }) => report.ok) && graph.composition.length === 0 && graph.brokenOperations.length === 0;
  return { ok, base, reports, graph, notes };
}

/** Composes `clients` from `graph` and validates their operations. */
async function checkGraph(graph: LiveGraph, clients: readonly ClientName[], operations: readonly ClientOperationFile[], compose: Composer): Promise<OfflineCheckResult['graph']> {
  const composition: CompositionProblem[] = [];
  const brokenOperations: BrokenOperation[] = [];
  for (const client of clients) {
    try {
      const supergraph = await compose(client, clientSubgraphs(graph, client));
      brokenOperations.push(...checkClientSafety(client, undefined, apiSchemaOf(supergraph.apiSchemaSdl), [], operations).brokenOperations);
    } catch (error) {
      composition.push(...compositionProblems(client, error, ''));
    }
  }
  return { composition, brokenOperations };
}

/** Each subgraph's SDL file under `schemas/`, by subgraph name. */
function sdlFilesOf(catalog: readonly SubgraphEntry[]): Map<string, string> {
  return new Map([
    ...clientNames.map((client): [string, string] => [bffSubgraphName(client), bffSdlPath(client)]),
    ...catalog.map((entry): [string, string] => [entry.name, catalogSdlPath(entry)]),
  ]);
}

/** The SDL files of the working tree no supergraph is composed from (not in `schemas/subgraphs.json`). */
function unusedSdlFiles(root: string, files: ReadonlyMap<string, string>): string[] {
  const used = new Set(files.values());
  return sdlFolders.flatMap((folder) => {
    const dir = `${root}schemas/${folder}/`;
    const names = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.graphql')) : [];
    return names.filter((name) => !used.has(`${folder}/${name}`)).map((name) => `schemas/${folder}/${name} is in no supergraph (not in schemas/subgraphs.json): not checked`);
  });
}

/** `compose` remembering its answers by input: each file's check composes the same working-tree graph again. */
function memoized(compose: Composer): Composer {
  const answers = new Map<string, ReturnType<Composer>>();
  return (client, subgraphs) => {
    const key = JSON.stringify([client, subgraphs.map(({ name, sdl, url }) => [name, sdl, url ?? null])]);
    let answer = answers.get(key);
    if (!answer) {
      answer = compose(client, subgraphs);
      answers.set(key, answer);
    }
    return answer;
  };
}

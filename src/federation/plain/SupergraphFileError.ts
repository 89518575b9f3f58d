/** A supergraph file the gateway will not serve: unreadable, empty, not a supergraph, a subgraph without a URL, ... */
export class SupergraphFileError extends Error {
  /** The file's absolute path. */
  readonly file: string;
  /** What is wrong with it, e.g. `it is empty`. */
  readonly problem: string;

  constructor(file: string, problem: string) {
    super(`Supergraph file ${file}: ${problem}`);
    this.name = 'SupergraphFileError';
    this.file = file;
    this.problem = problem;
  }

  /** The problem of a file that passed our checks but that `@apollo/gateway` refuses to load: the first lines of its reason, on one line. */
  static gatewayProblem(error: unknown): string {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n').slice(0, 5).join(' ').replace(/\s+/g, ' ').trim().replace(/\.$/, '');
    return `@apollo/gateway cannot load it: ${reason}`;
  }
}

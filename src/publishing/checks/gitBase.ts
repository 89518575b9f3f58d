import { execFileSync } from 'node:child_process';

/** The commit an offline check compares with, or why there is none. */
export type GitBase =
  | { readonly kind: 'commit'; readonly ref: string; readonly sha: string }
  | { readonly kind: 'none'; readonly reason: string };

/** Runs git in `root`; its stdout trimmed, or undefined when it fails (not a repository, unknown ref, shallow history). */
function git(root: string, args: readonly string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 16 * 1024 * 1024 }).trim();
  } catch {
    return undefined;
  }
}

/**
 * The commit to compare the working tree with: the merge base of HEAD and `ref` when given;
 * else the first of `origin/main`'s merge base, the last tag before HEAD and `HEAD~1` that exists
 * and is not HEAD itself (on main, the merge base with origin/main is HEAD: the last release, or
 * the last commit, is what changed). None, with the reason, outside a repository or in a clone
 * too shallow to have it.
 */
export function resolveGitBase(root: string, ref?: string): GitBase {
  if (git(root, ['rev-parse', '--is-inside-work-tree']) !== 'true') return { kind: 'none', reason: `${root} is not in a git working tree` };
  const head = git(root, ['rev-parse', 'HEAD']);
  if (!head) return { kind: 'none', reason: 'the repository has no commit yet' };
  const shallow = git(root, ['rev-parse', '--is-shallow-repository']) === 'true' ? ' (a shallow clone: fetch more history, e.g. git fetch --unshallow)' : '';
  if (ref !== undefined) {
    const sha = git(root, ['merge-base', 'HEAD', ref]);
    return sha ? { kind: 'commit', ref, sha } : { kind: 'none', reason: `no merge base of HEAD and ${ref}${shallow}` };
  }
  const lastTag = git(root, ['describe', '--tags', '--abbrev=0', 'HEAD']);
  const candidates = ['origin/main', ...(lastTag ? [lastTag] : []), 'HEAD~1'];
  for (const candidate of candidates) {
    if (!git(root, ['rev-parse', '--verify', '-q', `${candidate}^{commit}`])) continue;
    const sha = git(root, ['merge-base', 'HEAD', candidate]);
    if (sha && sha !== head) return { kind: 'commit', ref: candidate, sha };
  }
  return { kind: 'none', reason: `none of ${candidates.join(', ')} is a commit before HEAD${shallow}` };
}

/** The text of `path` (from the repository root) at commit `sha`; undefined when it does not exist there. */
export function readAtCommit(root: string, sha: string, path: string): string | undefined {
  try {
    // `sha:./path` is relative to cwd (root), whatever the repository's top level.
    return execFileSync('git', ['show', `${sha}:./${path}`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 16 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

/** The files under `dir` (from the repository root) at commit `sha`, as paths from the root. */
export function listAtCommit(root: string, sha: string, dir: string): string[] {
  const listing = git(root, ['ls-tree', '-r', '--name-only', '--full-name', sha, '--', dir]);
  if (!listing) return [];
  const prefix = git(root, ['rev-parse', '--show-prefix']) ?? '';
  return listing.split('\n').filter((line) => line.startsWith(prefix)).map((line) => line.slice(prefix.length));
}

import { readFileSync } from 'node:fs';

/** The parts of a V8 `.cpuprofile` the summary reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Time spent, ms, by name. */
export interface TimeShare {
  readonly name: string;
  readonly ms: number;
  /** Of all sampled time in the window, 0..1. */
  readonly share: number;
}

/** A profile boiled down: where the CPU went in a time window. */
export interface ProfileSummary {
  /** Sampled ms in the window (idle excluded). */
  readonly busyMs: number;
  readonly idleMs: number;
  /** Self time by area (package, or our folder). */
  readonly areas: TimeShare[];
  /** Self time by function. */
  readonly selfTop: TimeShare[];
  /** Inclusive time by function (each sample counted once per function on its stack). */
  readonly inclusiveTop: TimeShare[];
}

/** Which package or part of ours a script URL belongs to. */
export function areaOf(url: string, functionName: string): string {
  if (url === '') {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(program)' || functionName === '(root)') return 'V8/native (program)';
    if (functionName === '(idle)') return 'idle';
    return `native ${functionName}`.slice(0, 60);
  }
  if (url.startsWith('node:')) {
    const module = url.slice('node:'.length).replace(/^internal\//, '').split('/')[0];
    return `node:${module}`;
  }
  const modules = url.lastIndexOf('/node_modules/');
  if (modules !== -1) {
    const rest = url.slice(modules + '/node_modules/'.length).split('/');
    const name = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? '?');
    if (name === 'graphql') return `graphql/${rest[1] === 'execution' || rest[1] === 'validation' || rest[1] === 'language' || rest[1] === 'utilities' || rest[1] === 'type' ? rest[1] : 'other'}`;
    return name;
  }
  const src = url.indexOf('/src/');
  if (src !== -1) return `src/${url.slice(src + 5).split('/')[0]}`;
  const bench = url.indexOf('/bench/');
  if (bench !== -1) return 'bench';
  return url.slice(-40);
}

function top(map: Map<string, number>, total: number, count: number): TimeShare[] {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => ({ name, ms: us / 1000, share: us / total }));
}

/**
 * Summarises a `.cpuprofile` between two monotonic timestamps (µs, the profile's own clock, which
 * on Linux is the same CLOCK_MONOTONIC as `process.hrtime`), so start-up work is left out.
 */
export function summarizeProfile(file: string, window?: { fromUs: number; toUs: number }, count = 30): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const label = (id: number): string => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return '?';
    const file = frame.url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*\/(src|bench)\//, '$1/');
    return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const areas = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    const delta = profile.timeDeltas[i + 1] ?? 0;
    if (window && (at < window.fromUs || at > window.toUs)) continue;
    const id = profile.samples[i] ?? -1;
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const area = areaOf(frame.url, frame.functionName);
    if (area === 'idle') {
      idle += delta;
      continue;
    }
    busy += delta;
    areas.set(area, (areas.get(area) ?? 0) + delta);
    const name = label(id);
    self.set(name, (self.get(name) ?? 0) + delta);
    const seen = new Set<string>();
    for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) {
      const key = label(node);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + delta);
    }
  }
  return {
    busyMs: busy / 1000,
    idleMs: idle / 1000,
    areas: top(areas, busy, count),
    selfTop: top(self, busy, count),
    inclusiveTop: top(inclusive, busy, count * 2),
  };
}

/** The summary as Markdown tables. */
export function profileSummaryMarkdown(title: string, summary: ProfileSummary, requests: number): string {
  const perRequest = (ms: number): string => `${((ms / Math.max(requests, 1)) * 1000).toFixed(0)} µs`;
  const table = (rows: TimeShare[]): string =>
    ['| share | per request | where |', '| ---: | ---: | --- |', ...rows.map((r) => `| ${(r.share * 100).toFixed(1)} % | ${perRequest(r.ms)} | \`${r.name}\` |`)].join('\n');
  return [
    `### ${title}`,
    '',
    `${summary.busyMs.toFixed(0)} ms busy (${perRequest(summary.busyMs)} per request over ${requests} requests), ${summary.idleMs.toFixed(0)} ms idle.`,
    '',
    '**Self time by area**',
    '',
    table(summary.areas),
    '',
    '**Self time by function**',
    '',
    table(summary.selfTop),
    '',
    '**Inclusive time by function**',
    '',
    table(summary.inclusiveTop),
    '',
  ].join('\n');
}

import { fixed, machineSection, times } from './markdownFormat.ts';
import type { RefusalResults } from './resultFiles.ts';

const kb = (bytes: number): string => (bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} B`);

/** RESULTS.md's refusal section: how long A takes to refuse each hostile document, against `{ __typename }`. */
export function refusalsSection(refusals: RefusalResults): string {
  const rows = [
    '| document | refused with | body | first seen: median / p99 ms | ÷ baseline | repeated: median / p99 ms | ÷ baseline | the guard remembers | baseline median ms | unexpected answers |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |',
  ];
  for (const d of refusals.documents) {
    rows.push(
      [
        '',
        `${d.name}${d.anonymous ? '' : ` (${d.client}, with a token)`}`,
        `\`${d.code}\``,
        kb(d.bodyBytes),
        `${fixed(d.firstSeen.median, 2)} / ${fixed(d.firstSeen.p99, 2)}`,
        `**${times(d.firstSeenRatio)}**`,
        `${fixed(d.repeated.median, 2)} / ${fixed(d.repeated.p99, 2)}`,
        `**${times(d.repeatedRatio)}**`,
        d.cached,
        fixed(d.baseline.median, 2),
        d.unexpected > 0 ? `${d.unexpected} (${d.unexpectedExample ?? ''})` : '0',
        '',
      ].join(' | ').trim(),
    );
  }
  const b = refusals.baseline;
  return [
    '## Refusal timings',
    '',
    machineSection(refusals.machine, 'Run'),
    '',
    `Every hostile document of \`test/harness/hostileDocuments.ts\`, sent to A one request at a time on one keep-alive connection (latency as the caller sees it: from sending to having read the whole answer). Per document, ${refusals.options.samples} iterations after 20 unmeasured, each sending, in rotating order, the baseline (\`{ __typename }\` on /web/graphql, anonymous), the document **first seen** (a unique \`# n\` comment appended: a new text, parsed and checked from scratch) and the document **repeated** (the same text each time: what the operation guard remembers of it). "÷ baseline" is the median divided by the median of the baseline requests interleaved with that document. Baseline over the whole run: median ${fixed(b.median, 2)} ms, p99 ${fixed(b.p99, 2)} ms (${b.samples} requests).`,
    '',
    rows.join('\n'),
    '',
    'The times include sending the body over loopback (up to about 90 KB) and, for the passenger documents, verifying the token, which the anonymous baseline skips. A runs with the bench\'s generous admission and rate limits (one caller sends everything). "Unexpected answers" are answers that were not the expected refusal code.',
    '',
  ].join('\n');
}

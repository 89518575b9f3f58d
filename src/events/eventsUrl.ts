/** Where live events go when nothing is configured: the local RabbitMQ. */
export const defaultAmqpUrl = 'amqp://guest:guest@127.0.0.1:5672';

/**
 * Reads an `AMQP_URL` value: unset → {@link defaultAmqpUrl}; `off` or blank → undefined (live
 * events off); otherwise an `amqp://` or `amqps://` URL. Returns an error message for anything else.
 */
export function parseAmqpUrl(raw: string | undefined): { ok: true; url: string | undefined } | { ok: false; message: string } {
  if (raw === undefined) return { ok: true, url: defaultAmqpUrl };
  const value = raw.trim();
  if (value === '' || value.toLowerCase() === 'off') return { ok: true, url: undefined };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, message: 'must be an amqp:// or amqps:// URL, or off' };
  }
  if (url.protocol !== 'amqp:' && url.protocol !== 'amqps:') return { ok: false, message: 'must be an amqp:// or amqps:// URL, or off' };
  return { ok: true, url: value };
}

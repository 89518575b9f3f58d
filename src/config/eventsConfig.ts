import { z } from 'zod';
import { parseAmqpUrl } from '../events/eventsUrl.ts';

/** Live events (subscriptions): the RabbitMQ broker the services publish their domain events to. */
export interface EventsConfig {
  /**
   * `AMQP_URL` (default `amqp://guest:guest@127.0.0.1:5672`); undefined when `AMQP_URL=off` or
   * empty: live events are off (the feed never emits; subscriptions get their current state only).
   */
  readonly amqpUrl: string | undefined;
}

/** The zod shape of the events variables. */
export const eventsEnvShape: Readonly<Record<string, z.ZodType>> = {
  AMQP_URL: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      const parsed = parseAmqpUrl(value);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    }),
};

/** Builds the events slice from parsed variables. */
export function buildEventsConfig(parsed: Record<string, unknown>): EventsConfig {
  const result = parseAmqpUrl(parsed.AMQP_URL as string | undefined);
  return { amqpUrl: result.ok ? result.url : undefined };
}

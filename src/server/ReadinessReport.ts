/** What `/readyz` answers: ready or not, and why. */
export interface ReadinessReport {
  readonly ready: boolean;
  readonly details: Readonly<Record<string, unknown>>;
}

import { ReadinessCheck } from '@lockstep/backstage-plugin-lockstep-node';

/** Collects the readiness check types that backend modules add through the extension point. */
export class ReadinessCheckRegistry {
  private readonly checks = new Map<string, ReadinessCheck<any>>();

  add(...checks: ReadinessCheck<any>[]): void {
    for (const check of checks) {
      if (this.checks.has(check.type)) {
        throw new Error(
          `Readiness check type '${check.type}' is registered twice; each type id must be unique`,
        );
      }
      this.checks.set(check.type, check);
    }
  }

  get(type: string): ReadinessCheck<any> | undefined {
    return this.checks.get(type);
  }

  list(): ReadinessCheck<any>[] {
    return [...this.checks.values()].sort((a, b) =>
      a.type.localeCompare(b.type),
    );
  }
}

import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** The part of a JSON Schema the fuzz generators read. */
export interface Schema {
  type?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  items?: Schema;
  maxItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: Schema;
}

/** One operation of the spec: a method on a path template such as `/approvals/{id}`. */
export interface Operation {
  /** `GET /approvals/{id}`: how generators are keyed. */
  key: string;
  method: string;
  template: string;
  operationId: string;
  /** False when the operation declares `security: []` (needs no credentials). */
  secured: boolean;
  parameters: Parameter[];
  body?: { required: boolean; contentTypes: string[]; schema?: Schema };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'];

export const specPath = path.resolve(__dirname, '../../schema/openapi.yaml');

/** The spec as served, read from `src/schema/openapi.yaml`. */
export function readSpec(): any {
  return parse(fs.readFileSync(specPath, 'utf8'));
}

/** Resolves local `$ref`s (`#/components/...`) all the way down. */
function resolve(spec: any, value: any, seen = new Set<string>()): any {
  if (Array.isArray(value)) return value.map(v => resolve(spec, v, seen));
  if (!value || typeof value !== 'object') return value;
  if (typeof value.$ref === 'string') {
    const ref: string = value.$ref;
    if (!ref.startsWith('#/') || seen.has(ref)) return {};
    const target = ref
      .slice(2)
      .split('/')
      .reduce((node: any, part) => node?.[part], spec);
    return resolve(spec, target, new Set([...seen, ref]));
  }
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, resolve(spec, v, seen)]),
  );
}

/** Every operation of the spec, in the order the spec lists them. */
export function operationsOf(spec: any = readSpec()): Operation[] {
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries<any>(spec.paths ?? {})) {
    const shared = resolve(spec, item.parameters ?? []);
    for (const method of METHODS) {
      const raw = item[method];
      if (!raw) continue;
      const op = resolve(spec, raw);
      const parameters: Parameter[] = [...shared, ...(op.parameters ?? [])].map(
        (p: any) => ({
          name: p.name,
          in: p.in,
          required: p.in === 'path' ? true : Boolean(p.required),
          schema: p.schema ?? {},
        }),
      );
      const content = op.requestBody?.content ?? {};
      operations.push({
        key: `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        template,
        operationId: op.operationId,
        secured: !(
          Array.isArray(op.security ?? spec.security) &&
          (op.security ?? spec.security).length === 0
        ),
        parameters,
        ...(op.requestBody && {
          body: {
            required: Boolean(op.requestBody.required),
            contentTypes: Object.keys(content),
            schema: content['application/json']?.schema,
          },
        }),
      });
    }
  }
  return operations;
}

/**
 * Whether a concrete path (segments after /api/lockstep, already percent-encoded) is served by an
 * operation of the spec with that method. Express matches a trailing slash too and a parameter
 * never matches an empty segment.
 */
export function matchesSpecRoute(
  operations: Operation[],
  method: string,
  encodedPath: string,
): boolean {
  const segments = encodedPath.replace(/\/$/, '').split('/').slice(1);
  return operations.some(op => {
    if (op.method !== method) return false;
    const parts = op.template.split('/').slice(1);
    return (
      parts.length === segments.length &&
      parts.every((part, i) =>
        /^\{.+\}$/.test(part) ? segments[i] !== '' : part === segments[i],
      )
    );
  });
}

import fc from 'fast-check';
import { createHash } from 'node:crypto';
import {
  baseDraft,
  bodyOf,
  Dimension,
  Draft,
  Mutation,
  RouteFuzz,
  urlOf,
} from './draft';
import { FuzzContext, mutationClasses, MutationClass } from './mutations';
import { Answer, NODE_HEADER_LIMIT, PREFIX } from './send';
import { Operation } from './spec';

/** The longest `error.message` a 4xx may carry, whatever the input. */
export const MAX_ERROR_MESSAGE = 2000;
/** The largest 4xx body: the message, and the request address cut short. */
export const MAX_ERROR_BODY = 32 * 1024;
/** Variants of a generated class sent in the catalogue phase. */
const GENERATED_VARIANTS = 3;

export interface Case {
  route: string;
  classes: string[];
  draft: Draft;
  /** False when every mutation is merely odd: then a 2xx is no failure. */
  invalid: boolean;
  expect?: number[];
  phase: 'catalogue' | 'mixed';
}

/** Mutations apply in this order: a route mutation adds segments, so it goes last. */
const ORDER: Dimension[] = [
  'method',
  'path',
  'query',
  'body',
  'content-type',
  'auth',
  'route',
];
/** Dimensions that touch the same part of a request: one mutation of each group per request. */
const group = (dim: Dimension) => (dim === 'content-type' ? 'body' : dim);

function compose(
  route: string,
  base: Draft,
  mutations: Mutation[],
  phase: Case['phase'],
): Case | undefined {
  let draft = base;
  const applied: Mutation[] = [];
  const seen = new Set<string>();
  for (const m of [...mutations].sort(
    (a, b) => ORDER.indexOf(a.dim) - ORDER.indexOf(b.dim),
  )) {
    if (seen.has(group(m.dim))) continue;
    const next = m.apply(draft);
    if (!next) continue;
    seen.add(group(m.dim));
    applied.push(m);
    draft = next;
  }
  if (applied.length === 0) return undefined;
  return {
    route,
    classes: applied.map(m => m.cls),
    draft,
    invalid: applied.some(m => !m.odd),
    ...(applied.length === 1 &&
      applied[0].expect && { expect: applied[0].expect }),
    phase,
  };
}

const seedOf = (seed: number, text: string) =>
  (seed ^ createHash('sha256').update(text).digest().readInt32BE(0)) | 0;

export interface Plan {
  cases: Case[];
  classes: Map<string, MutationClass[]>;
}

/**
 * The requests to send: first a catalogue, every class of every route at least once (each fixed
 * variant, a few generated ones); then `runs` requests that mix one to three classes of different
 * parts of a random route. Both are fixed by the seed.
 */
export function plan(
  operations: Operation[],
  fuzzers: Record<string, RouteFuzz>,
  ctx: FuzzContext,
  seed: number,
  runs: number,
): Plan {
  const cases: Case[] = [];
  const classes = new Map<string, MutationClass[]>();
  const bases = new Map<string, Draft>();
  for (const op of operations) {
    const fuzz = fuzzers[op.key];
    const base = baseDraft(op, fuzz);
    bases.set(op.key, base);
    const own = mutationClasses(op, fuzz, ctx);
    classes.set(op.key, own);
    for (const cls of own) {
      const variants =
        cls.all ??
        fc.sample(cls.arb, {
          seed: seedOf(seed, `${op.key} ${cls.cls}`),
          numRuns: GENERATED_VARIANTS,
        });
      for (const m of variants) {
        const c = compose(op.key, base, [m], 'catalogue');
        if (c) cases.push(c);
      }
    }
  }
  if (runs > 0) {
    const mixed = fc
      .integer({ min: 0, max: operations.length - 1 })
      .chain(r => {
        const light = classes.get(operations[r].key)!.filter(c => !c.heavy);
        return fc
          .uniqueArray(fc.integer({ min: 0, max: light.length - 1 }), {
            minLength: 1,
            maxLength: 3,
          })
          .chain(picked => fc.tuple(...picked.map(i => light[i].arb)))
          .map(mutations => ({ key: operations[r].key, mutations }));
      });
    for (const { key, mutations } of fc.sample(mixed, {
      seed,
      numRuns: runs,
    })) {
      const c = compose(key, bases.get(key)!, mutations, 'mixed');
      if (c) cases.push(c);
    }
  }
  return { cases, classes };
}

export type Problem =
  | '5xx'
  | 'no-answer'
  | 'accepted'
  | 'wrong-status'
  | 'bad-error';

export interface Outcome {
  case: Case;
  answer: Answer;
  problems: Array<{ problem: Problem; detail: string }>;
}

const cut = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;

const fullUrl = (draft: Draft) => `${PREFIX}${urlOf(draft)}`;

/**
 * Node's HTTP parser answers a request line and headers over its limit itself (431, no body),
 * before any backend code runs. A persona's token is under 1 KB.
 */
const overNodeHeaderLimit = (c: Case) =>
  fullUrl(c.draft).length + (c.draft.authorization?.length ?? 1024) + 256 >
  NODE_HEADER_LIMIT;

/** What is wrong with an answer to a bad request. */
export function judge(c: Case, answer: Answer): Outcome {
  const problems: Outcome['problems'] = [];
  const { status } = answer;
  if (status === 0) {
    problems.push({
      problem: 'no-answer',
      detail: answer.failure ?? 'no answer',
    });
  } else if (status >= 500) {
    problems.push({ problem: '5xx', detail: `${status}` });
  } else if (status < 400) {
    if (c.invalid)
      problems.push({
        problem: 'accepted',
        detail: `${status} to an invalid request`,
      });
  } else {
    if (c.expect && !c.expect.includes(status)) {
      problems.push({
        problem: 'wrong-status',
        detail: `${status}, expected ${c.expect.join(' or ')}`,
      });
    }
    if (!(status === 431 && overNodeHeaderLimit(c))) {
      const shape = errorShapeProblem(answer);
      if (shape) problems.push({ problem: 'bad-error', detail: shape });
    }
  }
  return { case: c, answer, problems };
}

function errorShapeProblem(answer: Answer): string | undefined {
  if (!/^application\/json\b/.test(answer.contentType ?? '')) {
    return `content type ${answer.contentType ?? 'none'}, not JSON`;
  }
  if (answer.body.length > MAX_ERROR_BODY) {
    return `error body of ${answer.body.length} bytes (at most ${MAX_ERROR_BODY})`;
  }
  let parsed: any;
  try {
    parsed = JSON.parse(answer.body.toString('utf8'));
  } catch {
    return 'body is not JSON';
  }
  const message = parsed?.error?.message;
  if (typeof message !== 'string' || !message.trim()) return 'no error.message';
  if (message.length > MAX_ERROR_MESSAGE) {
    return `error.message of ${message.length} characters (at most ${MAX_ERROR_MESSAGE})`;
  }
  return undefined;
}

/** The error message of an answer, or its first bytes. */
export function messageOf(answer: Answer): string {
  const text = answer.body.toString('utf8');
  try {
    const message = JSON.parse(text)?.error?.message;
    if (typeof message === 'string') return message;
  } catch {
    // not JSON
  }
  return text || answer.failure || '';
}

/** One line of JSON per request, for LOCKSTEP_FUZZ_DUMP. */
export function dumpLine(o: Outcome): string {
  const { bytes, contentType } = bodyOf(o.case.draft);
  return JSON.stringify({
    route: o.case.route,
    phase: o.case.phase,
    classes: o.case.classes,
    invalid: o.case.invalid,
    method: o.case.draft.method,
    url: cut(fullUrl(o.case.draft), 300),
    as:
      o.case.draft.authorization !== undefined
        ? cut(o.case.draft.authorization, 60)
        : o.case.draft.as,
    contentType,
    body: bytes && cut(bytes.toString('utf8'), 300),
    status: o.answer.status,
    ms: o.answer.ms,
    message: cut(messageOf(o.answer), 300),
    problems: o.problems,
  });
}

/** One request, written so that it can be sent again by hand. */
export function describe(o: Outcome): string {
  const { draft } = o.case;
  const { bytes, contentType } = bodyOf(draft);
  const who =
    draft.authorization !== undefined
      ? `Authorization: ${cut(draft.authorization, 60)}`
      : `as ${draft.as}`;
  return [
    `${draft.method} ${cut(fullUrl(draft), 200)}  [${o.case.classes.join(
      ' + ',
    )}] (${who})`,
    ...(bytes
      ? [
          `  body (${contentType ?? 'no content type'}, ${
            bytes.length
          } bytes): ${cut(bytes.toString('utf8'), 200)}`,
        ]
      : []),
    `  -> ${o.answer.status || o.answer.failure} ${cut(
      messageOf(o.answer).replace(/\s+/g, ' '),
      300,
    )}`,
    `  problems: ${o.problems
      .map(p => `${p.problem} (${p.detail})`)
      .join('; ')}`,
  ].join('\n');
}

/** Failures folded into distinct kinds: route, class, problem, status and message shape. */
export function distinctFailures(outcomes: Outcome[]) {
  const groups = new Map<
    string,
    { count: number; example: Outcome; problem: string }
  >();
  for (const o of outcomes) {
    for (const p of o.problems) {
      const key = `${p.problem}|${o.case.route}|${o.case.classes.join('+')}|${
        o.answer.status
      }`;
      const g = groups.get(key);
      if (g) g.count++;
      else
        groups.set(key, {
          count: 1,
          example: o,
          problem: `${p.problem} (${p.detail})`,
        });
    }
  }
  return [...groups.values()];
}

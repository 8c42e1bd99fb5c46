import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { ErrorRequestHandler, RequestHandler } from 'express';

/** The longest error message and request address an error answer repeats. */
export const MAX_ECHO = 1000;

const cap = (text: string) =>
  text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}… (cut)` : text;

const STATUS_BY_NAME: Record<string, number> = {
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  ServiceUnavailableError: 503,
};

function statusOf(error: any): number {
  for (const field of ['statusCode', 'status']) {
    const status = error?.[field];
    if (Number.isInteger(status) && status >= 100 && status <= 599)
      return status;
  }
  return STATUS_BY_NAME[error?.name] ?? 500;
}

/** A JSON 404 for an address under /api/lockstep that no route serves. */
export const unknownRoute: RequestHandler = req => {
  throw new NotFoundError(`Lockstep has no route ${req.method} ${req.path}`);
};

/**
 * Answers client errors (4xx) in Backstage's error shape, with the message and the address cut to
 * `MAX_ECHO` characters, so that a megabyte of input is never echoed back. Server errors go on to
 * Backstage's own handler, which logs them.
 */
export function errorResponses(logger: LoggerService): ErrorRequestHandler {
  return (error, req, res, next) => {
    const statusCode = statusOf(error);
    if (statusCode >= 500 || res.headersSent) {
      next(error);
      return;
    }
    logger.debug(`Refused ${req.method} ${cap(req.url)}: ${statusCode}`);
    res.status(statusCode).json({
      error: {
        name: typeof error?.name === 'string' ? error.name : 'Error',
        message: cap(String(error?.message ?? 'Bad request')),
      },
      request: { method: req.method, url: cap(req.url) },
      response: { statusCode },
    });
  };
}

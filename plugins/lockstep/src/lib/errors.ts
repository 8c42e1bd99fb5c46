/**
 * What went wrong, for people. The backend answers with Backstage's `{ error: { name, message } }`
 * body; the client turns that into a ResponseError whose own message is only "Request failed with 403
 * Forbidden", so the server's message is taken from the body.
 */
export function describeError(error: unknown): {
  statusCode?: number;
  message: string;
} {
  const e = error as {
    statusCode?: number;
    message?: string;
    body?: { error?: { message?: string } };
    cause?: { message?: string };
  };
  const serverMessage = e?.body?.error?.message ?? e?.cause?.message;
  const message = serverMessage || e?.message || String(error);
  return { statusCode: e?.statusCode, message };
}

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

/** The message of a failed sign-off or revocation, naming the team for a 403. */
export function describeActionError(
  error: unknown,
  action: 'sign off' | 'revoke the sign-off of',
  teamLabel: string,
): string {
  const { statusCode, message } = describeError(error);
  if (statusCode === 403) {
    return `You cannot ${action} this gate: only members of ${teamLabel} can. (${message})`;
  }
  if (statusCode === 404) {
    return `This gate no longer exists in the entity's readiness profile. (${message})`;
  }
  if (statusCode === 400) {
    return `The request was not accepted: ${message}`;
  }
  return message;
}

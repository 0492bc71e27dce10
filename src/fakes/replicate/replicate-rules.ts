/**
 * What the Replicate fake checks in a Kling prediction input and how it words Replicate's answers
 * (problem+json bodies). Written apart from the adapter on purpose (fakes never import adapter code),
 * from shared/reference/providers.md §3.
 */
import { createHash } from 'node:crypto';
import type { FakeErrorKind } from '../fake-controller.ts';
import type { WireReply } from '../wire-server.ts';

export type ReplicateFakeModel = { startImageRequired: boolean; modes: boolean };

export const REPLICATE_FAKE_MODELS: Readonly<Record<string, ReplicateFakeModel>> = {
  'kwaivgi/kling-v2.1': { startImageRequired: true, modes: true },
  'kwaivgi/kling-v2.5-turbo-pro': { startImageRequired: false, modes: false },
  'kwaivgi/kling-v2.6': { startImageRequired: false, modes: false },
};

/** The fake's one version id per model (64 hex, like Replicate's). */
export function fakeVersionOf(model: string): string {
  return createHash('sha256').update(`clipbench-fake:${model}`).digest('hex');
}

/** Prompts containing this word make the prediction fail as sensitive (E005). */
export const REPLICATE_FAKE_BLOCKED_WORD = 'forbidden';
export const E005_MESSAGE =
  'The input or output was flagged as sensitive. Please try again with different inputs. (E005)';

type InvalidField = { type: string; field: string; description: string };

/** Input problems as Replicate's `invalid_fields` (empty = valid). */
export function replicateInputProblems(
  model: ReplicateFakeModel,
  input: Record<string, unknown>,
): InvalidField[] {
  const problems: InvalidField[] = [];
  const bad = (field: string, type: string, description: string) =>
    problems.push({ type, field: `input.${field}`, description });
  if (typeof input['prompt'] !== 'string' || input['prompt'] === '')
    bad('prompt', 'required', 'prompt is required');
  if (input['duration'] !== undefined && input['duration'] !== 5 && input['duration'] !== 10)
    bad('duration', 'enum', 'duration must be one of the following: 5, 10');
  if (input['aspect_ratio'] !== undefined && !['16:9', '9:16', '1:1'].includes(String(input['aspect_ratio'])))
    bad('aspect_ratio', 'enum', 'aspect_ratio must be one of the following: "16:9", "9:16", "1:1"');
  if (model.startImageRequired && typeof input['start_image'] !== 'string')
    bad('start_image', 'required', 'start_image is required');
  if (input['mode'] !== undefined && (!model.modes || !['standard', 'pro'].includes(String(input['mode']))))
    bad('mode', 'enum', 'mode must be one of the following: "standard", "pro"');
  return problems;
}

export function validationReply(problems: InvalidField[]): WireReply {
  return {
    status: 422,
    json: {
      title: 'Input validation failed',
      detail: problems.map((p) => `- ${p.field}: ${p.description}`).join('\n'),
      status: 422,
      invalid_fields: problems,
    },
  };
}

const problem = (status: number, title: string, detail: string, extra: Record<string, unknown> = {}) => ({
  status,
  json: { title, detail, status, ...extra },
  headers: { 'content-type': 'application/problem+json' },
});

/** Replicate's documented answer for each injectable error kind. */
export function replicateErrorReply(kind: FakeErrorKind, retryAfterS: number | undefined): WireReply {
  switch (kind) {
    case 'auth':
      return problem(401, 'Unauthenticated', 'You did not pass a valid authentication token');
    case 'rate_limited':
    case 'concurrency_limited': {
      // The hint is always in the body; the Retry-After header only when the fault asks for one,
      // so both places the adapter must read are exercised.
      const seconds = retryAfterS ?? 1;
      const reply = problem(
        429,
        'Request was throttled',
        `Request was throttled. Your rate limit resets in ~${seconds}s.`,
        {
          retry_after: seconds,
        },
      );
      return retryAfterS === undefined
        ? reply
        : { ...reply, headers: { ...reply.headers, 'retry-after': String(retryAfterS) } };
    }
    case 'quota_exhausted':
      return problem(
        402,
        'Insufficient credit',
        'You have insufficient credit to run this model. Go to https://replicate.com/account/billing#billing to purchase credit.',
      );
    case 'content_policy':
      return problem(422, 'Input flagged', E005_MESSAGE);
    case 'invalid_request':
      return validationReply([
        {
          type: 'enum',
          field: 'input.duration',
          description: 'duration must be one of the following: 5, 10',
        },
      ]);
    case 'not_found':
      return problem(404, 'Not found', 'Not found.');
    case 'server_error':
      return problem(503, 'Service Unavailable', 'The service is temporarily unavailable. Please try again.');
  }
}

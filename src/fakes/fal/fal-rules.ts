/**
 * What the fal fake checks in a Kling-on-fal input and how it words fal's answers. Kept apart from
 * the adapter on purpose (fakes never import adapter code): the endpoint list and field names are
 * written again here from shared/reference/providers.md §2, so a typo in one does not hide in both.
 */
import type { FakeErrorKind } from '../fake-controller.ts';
import type { WireReply } from '../wire-server.ts';

/** Known endpoint ids → the start-image field their image-to-video variant requires. */
export const FAL_FAKE_ENDPOINTS: Readonly<Record<string, 'image_url' | 'start_image_url' | null>> = {
  'fal-ai/kling-video/v2.1/standard/image-to-video': 'image_url',
  'fal-ai/kling-video/v2.1/pro/image-to-video': 'image_url',
  'fal-ai/kling-video/v2.1/master/text-to-video': null,
  'fal-ai/kling-video/v2.1/master/image-to-video': 'image_url',
  'fal-ai/kling-video/v2.5-turbo/standard/text-to-video': null,
  'fal-ai/kling-video/v2.5-turbo/standard/image-to-video': 'image_url',
  'fal-ai/kling-video/v2.5-turbo/pro/text-to-video': null,
  'fal-ai/kling-video/v2.5-turbo/pro/image-to-video': 'image_url',
  'fal-ai/kling-video/v2.6/pro/text-to-video': null,
  'fal-ai/kling-video/v2.6/pro/image-to-video': 'start_image_url',
  'fal-ai/kling-video/v2.6/standard/motion-control': null,
  'fal-ai/kling-video/v2.6/pro/motion-control': null,
};

/** Prompts containing this word are refused as a content-policy violation (after COMPLETED). */
export const FAL_FAKE_BLOCKED_WORD = 'forbidden';

export type FalDetailItem = { loc: (string | number)[]; msg: string; type: string; url?: string };

const item = (field: string, msg: string, type: string): FalDetailItem => ({
  loc: ['body', field],
  msg,
  type,
  url: `https://docs.fal.ai/errors/#${type}`,
});

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** Validation problems of an input for an endpoint, in fal's `detail` item format (empty = valid). */
export function falInputProblems(endpointId: string, input: Record<string, unknown>): FalDetailItem[] {
  const problems: FalDetailItem[] = [];
  const motion = endpointId.endsWith('/motion-control');
  if (!motion && !isText(input['prompt'])) problems.push(item('prompt', 'Field required', 'missing'));
  if (isText(input['prompt']) && input['prompt'].length > 2500)
    problems.push(item('prompt', 'String should have at most 2500 characters', 'string_too_long'));
  if (input['duration'] !== undefined && input['duration'] !== '5' && input['duration'] !== '10')
    problems.push(item('duration', "Input should be '5' or '10'", 'literal_error'));
  if (input['aspect_ratio'] !== undefined && !['16:9', '9:16', '1:1'].includes(String(input['aspect_ratio'])))
    problems.push(item('aspect_ratio', "Input should be '16:9', '9:16' or '1:1'", 'literal_error'));
  const imageField = FAL_FAKE_ENDPOINTS[endpointId];
  if (imageField && !isText(input[imageField])) problems.push(item(imageField, 'Field required', 'missing'));
  if (motion) {
    for (const field of ['image_url', 'video_url'])
      if (!isText(input[field])) problems.push(item(field, 'Field required', 'missing'));
    if (input['character_orientation'] !== 'image' && input['character_orientation'] !== 'video')
      problems.push(item('character_orientation', "Input should be 'image' or 'video'", 'literal_error'));
  }
  if (isText(input['prompt']) && input['prompt'].toLowerCase().includes(FAL_FAKE_BLOCKED_WORD))
    problems.push(
      item(
        'prompt',
        'The content could not be processed because it contained material flagged by a content checker.',
        'content_policy_violation',
      ),
    );
  return problems;
}

/** fal's documented answer for each injectable error kind. */
export function falErrorReply(kind: FakeErrorKind, retryAfterS: number | undefined): WireReply {
  const retryHeader: Record<string, string> =
    retryAfterS === undefined ? {} : { 'retry-after': String(retryAfterS) };
  switch (kind) {
    case 'auth':
      return { status: 401, json: { detail: 'Invalid Key Authorization header format' } };
    case 'rate_limited':
    case 'concurrency_limited':
      return { status: 429, json: { detail: 'Too many requests' }, headers: retryHeader };
    case 'quota_exhausted':
      // fal answers 403 (not 402) for a locked account (providers.md §10.4).
      return { status: 403, json: { detail: 'User is locked. Reason: Exhausted balance.' } };
    case 'content_policy':
      return {
        status: 422,
        json: { detail: [item('prompt', 'flagged by a content checker', 'content_policy_violation')] },
        headers: { 'x-fal-retryable': 'false' },
      };
    case 'invalid_request':
      return {
        status: 422,
        json: { detail: [item('duration', "Input should be '5' or '10'", 'literal_error')] },
      };
    case 'not_found':
      return { status: 404, json: { detail: 'Request not found' } };
    case 'server_error':
      return {
        status: 500,
        json: { detail: [{ loc: ['body'], msg: 'Internal server error', type: 'internal_server_error' }] },
        headers: { 'x-fal-retryable': 'true' },
      };
  }
}

/**
 * From a parsed document to a normalised request (defaults applied, prompt rendered from its
 * skeleton) and from there to the canonical request (media replaced by content ids,
 * `reference_id: auto` resolved) whose hash identifies it.
 */
import { canonicalHash } from './canonical.ts';
import type { MediaHasher } from './media-hash.ts';
import { constraintsText, renderSkeleton } from './prompt-skeleton.ts';
import { type VideoRequest, VideoRequestSchema } from './request.ts';
import { type FieldProblem, invalidDocumentError, problemsError } from './zod-issues.ts';

/** Where a document came from, for error messages. */
export type DocumentOrigin = { file?: string | undefined; prefix?: string };

/** Cross-field rules zod cannot express per field: the prompt skeleton. */
function applySkeleton(request: VideoRequest): { request: VideoRequest; problems: FieldProblem[] } {
  const skeleton = request.identity.skeleton;
  if (skeleton === undefined) return { request, problems: [] };
  const rendered = renderSkeleton(skeleton.template, {
    subject: request.identity.subject,
    scene: request.identity.scene,
    style: request.identity.style,
    camera: request.camera.intent,
    constraints: constraintsText(request.negative.constraints),
  });
  if (!rendered.ok) return { request, problems: rendered.problems };
  const written = request.identity.prompt;
  if (written !== undefined && written !== rendered.prompt) {
    // Keeping both silently would let the written prompt drift from the frozen skeleton.
    return {
      request,
      problems: [
        {
          path: 'identity.prompt',
          message: 'differs from what identity.skeleton renders',
          hint: `remove identity.prompt (the skeleton renders "${rendered.prompt}") or remove identity.skeleton`,
        },
      ],
    };
  }
  return {
    request: { ...request, identity: { ...request.identity, prompt: rendered.prompt } },
    problems: [],
  };
}

function prefixed(problems: FieldProblem[], prefix: string | undefined): FieldProblem[] {
  return prefix ? problems.map((p) => ({ ...p, path: `${prefix}.${p.path}` })) : problems;
}

/** Validates a request document and returns it normalised; throws InvalidDocumentError naming every problem. */
export function parseRequest(data: unknown, origin: DocumentOrigin = {}): VideoRequest {
  const parsed = VideoRequestSchema.safeParse(data);
  const what = origin.prefix ? `${origin.prefix} (video request)` : 'the video request';
  if (!parsed.success) {
    throw invalidDocumentError(parsed.error, VideoRequestSchema, {
      file: origin.file,
      what,
      ...(origin.prefix ? { prefix: origin.prefix } : {}),
    });
  }
  const { request, problems } = applySkeleton(parsed.data);
  if (problems.length > 0)
    throw problemsError(prefixed(problems, origin.prefix), { file: origin.file, what });
  return request;
}

/** Replaces media references with content ids and resolves `reference_id: auto`. */
export function canonicalRequest(request: VideoRequest, hashMedia: MediaHasher): VideoRequest {
  const identity = { ...request.identity };
  if (identity.reference_image !== undefined) {
    identity.reference_image = hashMedia(identity.reference_image, 'identity.reference_image');
  }
  const source = { ...request.motion_source };
  if (source.reference_video !== undefined) {
    source.reference_video = hashMedia(source.reference_video, 'motion_source.reference_video');
  }
  if (source.reference_id === 'auto') source.reference_id = source.reference_video ?? 'none';
  return { ...request, identity, motion_source: source };
}

/** The canonical hash of a normalised request (see canonicalRequest). */
export function requestHash(request: VideoRequest, hashMedia: MediaHasher): string {
  return canonicalHash(canonicalRequest(request, hashMedia));
}

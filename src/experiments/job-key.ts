/**
 * Deterministic job keys: the same canonical request on the same provider, model, seed and repeat
 * index always gets the same key, so a resumed run finds its paid result instead of paying twice.
 * The key is also sent as the provider's idempotency / external id (Kling `external_task_id`).
 */
import { canonicalHash } from '../contract/canonical.ts';
import type { VideoRequest } from '../contract/request.ts';

export type JobKeyInput = {
  /** The canonical request (media replaced by content ids; see contract/normalise.ts). */
  canonicalRequest: VideoRequest;
  provider: string;
  model: string;
  seed: number;
  repeat: number;
};

/** `cb_` + 40 hex characters of sha256 over the canonical JSON of all five inputs. */
export function jobKey(input: JobKeyInput): string {
  const digest = canonicalHash({
    request: input.canonicalRequest,
    provider: input.provider,
    model: input.model,
    seed: input.seed,
    repeat: input.repeat,
  });
  return `cb_${digest.slice(0, 40)}`;
}

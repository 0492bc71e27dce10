/**
 * The structured move a request asks for: `camera.move` when given, else `camera.intent` parsed,
 * with `camera.stability` and `camera.zoom` (explicit fields) taking precedence over words.
 */
import type { StructuredMove } from '../contract/camera-move.ts';
import type { VideoRequest } from '../contract/request.ts';
import { InputError } from '../errors/input-error.ts';
import { parseCameraIntent } from './parse.ts';

/** Resolves a normalised request's camera layer; unknown phrases raise `unknown_camera_phrase`. */
export function requestCameraMove(request: VideoRequest, file?: string): StructuredMove {
  const camera = request.camera;
  let move: StructuredMove;
  if (camera.move !== undefined) {
    move = camera.move;
  } else {
    try {
      move = parseCameraIntent(camera.intent);
    } catch (error) {
      if (error instanceof InputError && file !== undefined) {
        throw new InputError({
          code: error.code,
          message: error.message,
          field: 'camera.intent',
          file,
          hint: error.hint,
          cause: error,
        });
      }
      throw error;
    }
  }
  if (camera.stability !== undefined) move = { ...move, stability: camera.stability };
  if (camera.zoom === 'in' || camera.zoom === 'out') {
    move = { ...move, modifiers: [...new Set([...move.modifiers, `zoom_${camera.zoom}`])] };
  }
  return move;
}

/** An HTTP-shaped failure the dashboard answers as `{ error: { code, message } }` with `status`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: 400 | 403 | 404 | 415 | 500,
    readonly code: string,
    message: string,
    readonly issues?: unknown,
  ) {
    super(message);
  }
}

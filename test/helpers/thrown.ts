/**
 * The error a call throws, checked by class — so a test can assert on its code, field and hint.
 * Any other error is re-thrown as is (the test fails showing it); a call that does not throw fails.
 */

/** Any error class, whatever its constructor takes. */
type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

/** The `type` error that `fn` throws. */
export function thrownBy<E extends Error>(fn: () => unknown, type: ErrorClass<E>): E {
  try {
    fn();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}, but the call returned`);
}

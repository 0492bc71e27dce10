/**
 * Secret redaction for every line we print, log or store. Values come from environment variables
 * whose names look like credentials, plus any value registered at runtime (e.g. a key read from a
 * config file the user pointed to).
 */
const SECRET_NAME = /(KEY|SECRET|TOKEN|PASSWORD)$/i;
const registered = new Set<string>();

/** Registers a secret value so `redact` hides it; values shorter than 6 characters are ignored. */
export function registerSecret(value: string | undefined): void {
  if (value !== undefined && value.length >= 6) registered.add(value);
}

/** The secret values currently known: registered ones plus credential-like environment variables. */
export function knownSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && value !== undefined && value.length >= 6)
    .map(([, value]) => value as string);
  return [...new Set([...registered, ...fromEnv])].sort((a, b) => b.length - a.length);
}

/** Replaces every known secret in `text` with `***`. */
export function redact(text: string, env: NodeJS.ProcessEnv = process.env): string {
  let out = text;
  for (const secret of knownSecrets(env)) out = out.split(secret).join('***');
  return out;
}

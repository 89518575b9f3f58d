/**
 * Variables whose value is never printed: JWT_SECRET, REGISTRY_TOKEN and any other secret, token,
 * key, password or credential (`*_SECRET`, `*_TOKEN`, `*_KEY`, `*_PASSWORD`, …).
 */
const secretName = /(^|_)(SECRET|TOKEN|KEY|PASSWORD|PASSWD|PASS|CREDENTIALS?|PRIVATE)(_|$)/i;

/** The password of a URL's user info (`redis://:pass@host`, `http://user:pass@host`), for every URL in the value. */
const urlPassword = /(\/\/[^/?#@:\s,]*:)[^/?#@\s,]*@/g;

/**
 * One line of a configuration error: the variable, the value given (quoted) and what is wrong with
 * it. A secret's value is never printed (only its length), nor a password inside a URL (`***`):
 * every config slice formats its problems here, so none can echo one.
 */
export function configProblem(name: string, value: string | undefined, reason: string): string {
  if (value === undefined) return `${name} (not set): ${reason}`;
  if (secretName.test(name)) return `${name} (secret, ${value.length} characters, not shown): ${reason}`;
  return `${name}=${JSON.stringify(value.replace(urlPassword, '$1***@'))}: ${reason}`;
}

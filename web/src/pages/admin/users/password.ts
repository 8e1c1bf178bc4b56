// The server's rule (accounts.schema.ts NewPassword): at least 8 characters mixing at least two of
// letters, digits and other characters. Checked here too so the form answers before it is sent.

const CLASSES = [/[A-Za-z]/, /\d/, /[^A-Za-z\d]/];

/** Whether the server will accept this as a new password. */
export function isStrongEnough(password: string): boolean {
  return password.length >= 8 && CLASSES.filter((r) => r.test(password)).length >= 2;
}

// No 0/O, 1/l/I: the password may be read out over the phone.
const LETTERS = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '@#%+=-';

/** A random 12-character password with letters, digits and a symbol, easy to read aloud. */
export function generatePassword(random: (n: number) => Uint32Array = randomWords): string {
  const pools = [LETTERS, LETTERS, LETTERS, LETTERS, LETTERS, LETTERS, LETTERS, DIGITS, DIGITS, DIGITS];
  const words = random(pools.length + 2);
  const body = pools.map((pool, i) => pool[(words[i] as number) % pool.length]).join('');
  const symbol = SYMBOLS[(words[pools.length] as number) % SYMBOLS.length];
  const at = (words[pools.length + 1] as number) % (body.length - 1);
  return `${body.slice(0, at + 1)}${symbol}${body.slice(at + 1)}${DIGITS[(words[0] as number) % DIGITS.length]}`;
}

function randomWords(n: number): Uint32Array {
  return crypto.getRandomValues(new Uint32Array(n));
}

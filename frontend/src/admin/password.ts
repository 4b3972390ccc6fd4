// A first password the admin reads out or hands over: the user must change
// it at first sign-in, so it only has to be hard to guess and easy to type
// (no 0/O, 1/l/I).
const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'

export function generatePassword(length = 12): string {
  const bytes = new Uint32Array(length)
  crypto.getRandomValues(bytes)
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('')
}

/** Bad input from the user (a missing or invalid file, a wrong option): reported as one message, exit code 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** PDF 2.0 (AES-256) passwords are cut at 127 bytes of UTF-8: a longer one would be truncated silently. */
export const maxPasswordBytes = 127;

/** Why a password cannot be used (null when it can): too long, or nothing but whitespace. */
export function passwordProblem(password: string): string | null {
  const bytes = Buffer.byteLength(password, 'utf8');
  if (bytes > maxPasswordBytes) {
    return `the password is ${bytes} bytes, expected at most ${maxPasswordBytes} (PDF encryption keeps only the first ${maxPasswordBytes} bytes)`;
  }
  if (password.trim() === '') return 'the password is only whitespace, expected a password with other characters';
  return null;
}

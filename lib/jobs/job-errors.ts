/** A failure that retrying cannot fix (an invalid address, a missing order): the job fails at once. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

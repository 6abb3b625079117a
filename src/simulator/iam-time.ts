/** IAM timestamps: UTC ISO 8601 with six fractional digits (milliseconds + `000`) and `Z` (iam-tokens.md §1.6). */
export function formatIamTime(date: Date): string {
  return date.toISOString().replace(/Z$/, '000Z');
}

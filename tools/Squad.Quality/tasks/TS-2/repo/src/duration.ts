export function parseDuration(text: string): number {
  const match = /^(?:(\d)h)?(?:(\d+)m)?$/.exec(text.trim());
  if (match === null) {
    throw new Error(`not a duration: ${text}`);
  }
  const hours = Number(match[1] ?? 0);
  const minutes = Number(match[2] ?? 0);
  return hours * 60 + minutes;
}
